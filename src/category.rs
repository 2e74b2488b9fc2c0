//! The kinds of harm a finding belongs to: the vocabulary of the lexicon's category column, rule ids,
//! JSON and TypeScript.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The kind of harm a finding belongs to.
///
/// Serialised in `snake_case` (`"self_harm_incitement"`), which is also what [`Category::name`] returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Category {
    /// Name-calling: "connard", "abruti".
    Insult,
    /// Putting someone down: appearance, body, intelligence, family ("ta mère…").
    Denigration,
    /// Pushing someone out of a group: "personne ne t'aime", "dégage du groupe".
    Exclusion,
    /// Threats of violence: "je vais te défoncer", "je sais où tu habites".
    Threat,
    /// Pushing someone to hurt or kill themselves: "va te pendre", "kys".
    SelfHarmIncitement,
    /// Cybersexism: sexist slurs, slut-shaming.
    Sexism,
    /// Unsolicited sexual remarks.
    SexualHarassment,
    /// Homophobic or transphobic slurs.
    Lgbtphobia,
    /// Racist slurs and statements.
    Racism,
    /// Antisemitic slurs and statements.
    Antisemitism,
    /// Disability used as an insult: "mongol", "autiste" as an insult.
    Ableism,
    /// Statements that deny a group's humanity: "les X sont des parasites".
    Dehumanization,
    /// Blackmail with intimate images or secrets.
    Sextortion,
    /// Sharing someone's phone number or address.
    Doxxing,
    /// Spreading rumours ("il paraît que…"): low severity, a lexical cue only.
    Rumour,
    /// Swearing that targets no one ("putain il pleut"): at most a notice.
    Profanity,
    /// The *author* seems to be in distress ("je veux mourir"): never counted as harassment (it weighs
    /// nothing in the score); a site should offer support. It never hides the rest of the message: harm
    /// to others in the same message keeps its level and its warning (see [`Report`](crate::Report)).
    Distress,
    /// Hostility without a listed word (mockery, exclusion, contempt), found by the learned layer: rule
    /// `model.hostility`, on the words that weigh most in its score. Never in
    /// [`Options::rules_only`](crate::Options::rules_only) mode.
    Hostility,
}

impl Category {
    /// Every category, in declaration order.
    pub const ALL: [Category; 18] = [
        Category::Insult,
        Category::Denigration,
        Category::Exclusion,
        Category::Threat,
        Category::SelfHarmIncitement,
        Category::Sexism,
        Category::SexualHarassment,
        Category::Lgbtphobia,
        Category::Racism,
        Category::Antisemitism,
        Category::Ableism,
        Category::Dehumanization,
        Category::Sextortion,
        Category::Doxxing,
        Category::Rumour,
        Category::Profanity,
        Category::Distress,
        Category::Hostility,
    ];

    /// The stable `snake_case` name used in rule ids, JSON and TypeScript.
    pub fn name(self) -> &'static str {
        match self {
            Category::Insult => "insult",
            Category::Denigration => "denigration",
            Category::Exclusion => "exclusion",
            Category::Threat => "threat",
            Category::SelfHarmIncitement => "self_harm_incitement",
            Category::Sexism => "sexism",
            Category::SexualHarassment => "sexual_harassment",
            Category::Lgbtphobia => "lgbtphobia",
            Category::Racism => "racism",
            Category::Antisemitism => "antisemitism",
            Category::Ableism => "ableism",
            Category::Dehumanization => "dehumanization",
            Category::Sextortion => "sextortion",
            Category::Doxxing => "doxxing",
            Category::Rumour => "rumour",
            Category::Profanity => "profanity",
            Category::Distress => "distress",
            Category::Hostility => "hostility",
        }
    }

    /// Parses a name as returned by [`Category::name`].
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == name)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::Category;

    #[test]
    fn categories_are_listed_in_declaration_order() {
        // The wasm boundary indexes its table of category names by `category as usize`.
        for (i, c) in Category::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i, "{c:?}");
        }
    }

    #[test]
    fn category_names_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::from_name(c.name()), Some(c));
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.name()));
        }
    }
}
