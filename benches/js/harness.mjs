// The benchmark itself, shared by Node (node.mjs) and Chromium (browser.mjs): the same contenders,
// the same corpus, the same protocol, in one process.
//
// Protocol: for each set of messages and each round, every contender (in an order that rotates from
// round to round) analyses the whole set, repeated until at least `minMs` have passed; we keep its
// texts/s for the round and, for each peer, the ratio of our texts/s to its texts/s *in that round*.
// Reported: the median over rounds of texts/s, of µs/message, and of each ratio. Because the machine is
// shared (other builds, a fuzzer), only ratios measured side by side mean much.

/** The peers, configured as ../shared/eval/baselines configures them (French + English dictionaries). */
export function makePeers(mods) {
  const fold = (s) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().normalize('NFC');
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const words = [...new Set(mods.frenchBadwords.array.map((w) => fold(w.trim())).filter(Boolean))].sort(
    (a, b) => b.length - a.length,
  );
  const fblRe = new RegExp('(?<![\\p{L}\\p{N}])(?:' + words.map(esc).join('|') + ')(?![\\p{L}\\p{N}])', 'u');

  const leo = mods.leo.default || mods.leo;
  leo.loadDictionary('fr');
  leo.add(leo.getDictionary('en'));

  const all = new mods.allprofanity.AllProfanity({ languages: ['english', 'french'], silent: true });
  const glin = new mods.glin.Filter({ languages: ['french', 'english'], detectLeetspeak: false });
  const o = mods.obscenity;
  const obscenity = new o.RegExpMatcher({ ...o.englishDataset.build(), ...o.englishRecommendedTransformers });

  return [
    { name: 'french-badwords-list', note: 'whole word, folded', run: (t) => fblRe.test(fold(t)) },
    { name: 'leo-profanity', note: 'fr + en', run: (t) => leo.check(t) },
    { name: 'allprofanity', note: 'en + fr', run: (t) => all.check(t) },
    { name: 'obscenity', note: 'English dataset (no French)', run: (t) => obscenity.hasMatch(t) },
    { name: 'glin-profanity', note: 'fr + en', run: (t) => glin.checkProfanity(t).containsProfanity },
  ];
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

/** One timed pass: returns seconds per pass over `texts`. */
function timePass(run, texts, minMs, now) {
  let sink = 0;
  let passes = 0;
  const start = now();
  let elapsed;
  do {
    for (let i = 0; i < texts.length; i++) if (run(texts[i])) sink++;
    passes++;
    elapsed = now() - start;
  } while (elapsed < minMs);
  globalThis.__pdmSink = sink;
  return elapsed / 1000 / passes;
}

/**
 * @param ours {name, run} our contender; peers: list of {name, run}
 * @param sets {name: [text]}
 * @param opts {rounds, minMs, now, perMessage: set names whose per-message p50 is measured,
 *   groups: labels of interleaved populations (text i is in groups[i % groups.length]), each also given
 *   its own p50: the median of a mix of two populations falls on the edge between them}
 */
export function runAll(ours, peers, sets, opts) {
  const { rounds = 7, minMs = 100, now = () => performance.now(), perMessage = [], groups = [] } = opts;
  const contenders = [ours, ...peers];
  const results = {};
  for (const [setName, texts] of Object.entries(sets)) {
    const chars = texts.reduce((n, t) => n + t.length, 0);
    const perRound = contenders.map(() => []);
    const ratios = peers.map(() => []);
    // Warm-up: every contender sees the whole set once (JIT, lazy dictionaries).
    for (const c of contenders) for (const t of texts) c.run(t);
    for (let r = 0; r < rounds; r++) {
      const secs = new Array(contenders.length);
      for (let k = 0; k < contenders.length; k++) {
        const i = (k + r) % contenders.length;
        secs[i] = timePass(contenders[i].run, texts, minMs, now);
      }
      secs.forEach((s, i) => perRound[i].push(texts.length / s));
      peers.forEach((_, p) => ratios[p].push(secs[p + 1] / secs[0]));
    }
    const rows = contenders.map((c, i) => {
      const tps = median(perRound[i]);
      const row = { name: c.name, note: c.note || '', textsPerSec: tps, usPerMessage: 1e6 / tps };
      if (c.self) row.self = true; // our own engine in another mode, not a peer
      if (i > 0) row.oursOverPeer = median(ratios[i - 1]);
      return row;
    });
    if (perMessage.includes(setName)) {
      for (const [i, c] of contenders.entries()) {
        const each = [];
        const byGroup = groups.map(() => []);
        for (let r = 0; r < 3; r++)
          for (const [k, t] of texts.entries()) {
            const s = now();
            c.run(t);
            const ms = now() - s;
            each.push(ms);
            if (groups.length) byGroup[k % groups.length].push(ms);
          }
        rows[i].p50us = median(each) * 1000;
        if (groups.length) rows[i].p50usByGroup = Object.fromEntries(groups.map((g, j) => [g, median(byGroup[j]) * 1000]));
      }
    }
    results[setName] = { messages: texts.length, chars, rows };
  }
  return results;
}
