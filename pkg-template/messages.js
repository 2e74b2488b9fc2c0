// What attach() says, in French and English: short, for 11–15 year olds, never
// judging the person (the message weighs, not the author). A site can replace
// any of them with the `messages` option of attach().

export const MESSAGES = Object.freeze({
  fr: Object.freeze({
    loading: 'Chargement de la relecture…',
    none: '✓ Rien qui pèse lourd.',
    notice: 'ℹ️ Un mot à surveiller.',
    noticeMany: 'ℹ️ Des mots à surveiller.',
    warn: '⚠️ Ce message pourrait blesser.',
    alert: '⚠️ Attention : ce message peut faire très mal.',
    suggestion: 'Et si tu le disais autrement ? Tu peux donner ton avis sans viser la personne.',
    distressTitle: '💙 Prends soin de toi.',
    distressText: 'Tu n’es pas seul·e. Tu peux en parler à un adulte de confiance.',
    confirmTitle: 'Es-tu sûr·e ?',
    confirmBody: 'Ton message pourrait blesser la personne qui va le lire.',
    confirmHint: 'Tu peux le reformuler pour dire la même chose autrement.',
    rephrase: 'Reformuler',
    sendAnyway: 'Publier quand même',
    goToWord: 'Aller au mot',
    tooLong: 'Ce texte est trop long pour être relu.',
    failed: 'La relecture n’a pas pu se faire.',
  }),
  en: Object.freeze({
    loading: 'Loading the check…',
    none: '✓ Nothing heavy here.',
    notice: 'ℹ️ One word to watch.',
    noticeMany: 'ℹ️ Some words to watch.',
    warn: '⚠️ This message could hurt.',
    alert: '⚠️ Careful: this message could really hurt.',
    suggestion: 'How about saying it another way? You can give your opinion without going after the person.',
    distressTitle: '💙 Take care of yourself.',
    distressText: 'You are not alone. You can talk to an adult you trust.',
    confirmTitle: 'Are you sure?',
    confirmBody: 'Your message could hurt the person who reads it.',
    confirmHint: 'You can rephrase it and still say what you mean.',
    rephrase: 'Rephrase',
    sendAnyway: 'Post anyway',
    goToWord: 'Go to the word',
    tooLong: 'This text is too long to be checked.',
    failed: 'The check could not run.',
  }),
});
