//! The realisation layer of a draft (after SimpleNLG's split of content from surface form): the
//! statement code chooses phrases and their slots; this module says them. A list coordinates two
//! or three distinct items once ("a, b and c"), a verb agrees with its subject's number, and a
//! sentence starts with a capital (an acronym or a placeholder keeps its case) and ends with one
//! full stop. No clinical word comes from here.

/// A phrase for a slot: its words as the note writes them, and whether it is plural.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Np {
    /// The words.
    pub text: String,
    /// True for a plural head or a coordination ("balance reactions", "ataxia and dysmetria").
    pub plural: bool,
}

/// "a", "a and b", "a, b and c": at most `max` items (the rest left out).
pub fn list(items: &[String], max: usize) -> String {
    let items = &items[..items.len().min(max)];
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{} and {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

/// A list of phrases that may hold lists themselves ("providing A and B", "grading C"): said as
/// [`list`], with a comma before the last "and" when an item holds an "and" of its own, so the
/// reader sees where each item ends ("providing A and B, and grading C").
pub fn list_of_lists(items: &[String], max: usize) -> String {
    let items = &items[..items.len().min(max)];
    if items.len() > 1 && items.iter().any(|i| i.contains(" and ")) {
        format!("{}, and {}", items[..items.len() - 1].join(", "), items[items.len() - 1])
    } else {
        list(items, max)
    }
}

/// The subject of a list of phrases is plural when it holds two or more, or one plural phrase.
pub fn plural(items: &[Np]) -> bool {
    items.len() > 1 || items.first().is_some_and(|n| n.plural)
}

/// The verb form agreeing with a subject: `singular` ("limits") or `plural_form` ("limit").
pub fn agree<'s>(plural: bool, singular: &'s str, plural_form: &'s str) -> &'s str {
    if plural {
        plural_form
    } else {
        singular
    }
}

/// Whether a noun head is plural by its form ("reactions", "cues"; not "loss", "status", "ataxia").
pub fn plural_head(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    w.len() > 3 && w.ends_with('s') && !["ss", "us", "is", "ics"].iter().any(|e| w.ends_with(e))
}

/// A sentence from its body: white space made single, the first letter capitalised (unless the
/// body starts with a placeholder), one full stop at the end.
pub fn sentence(body: &str) -> String {
    let mut s = body.split_whitespace().collect::<Vec<_>>().join(" ");
    while s.ends_with(['.', ',', ';', ':']) {
        s.pop();
    }
    let mut s = capitalise(&s);
    s.push('.');
    s
}

/// Capitalises the first letter when it is an ASCII letter (a placeholder's bracket stays first).
/// ASCII only: Unicode's case tables would add ~33 KB to the wasm engine for the first letter of
/// a drafted sentence, which is all but always ASCII; any other first character stays as written.
pub fn capitalise(s: &str) -> String {
    let mut s = s.to_string();
    if let Some(f) = s.get_mut(..1) {
        f.make_ascii_uppercase();
    }
    s
}

/// Lower-cases a leading capital unless the first word is an acronym or a side ("CGA", "TUG",
/// "R stance control") or a proper name written in capitals inside ("Berg").
pub fn lower_first(p: &str) -> String {
    let first = p.split([' ', '-', '/']).next().unwrap_or("");
    let caps_after_first = first.chars().skip(1).any(|c| c.is_uppercase());
    if first.chars().all(|c| !c.is_lowercase()) || caps_after_first || ["Berg", "Romberg", "Trendelenburg"].contains(&first) {
        return p.to_string();
    }
    // ASCII only, as in `capitalise`.
    let mut s = p.to_string();
    if let Some(f) = s.get_mut(..1) {
        f.make_ascii_lowercase();
    }
    s
}

/// The -ing form of a verb as written: "graded" -> "grading", "modified" -> "modifying",
/// "stopped" -> "stopping", "walk" -> "walking", "ambulate" -> "ambulating", "step" -> "stepping".
/// Every result is an inflection of the word the note wrote.
pub fn gerund(word: &str) -> String {
    let w = word;
    let lower = w.to_ascii_lowercase();
    // Only a word of letters is a verb: "to 3333" has no -ing form.
    if lower.ends_with("ing") || !w.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-' || b == b'\'') {
        return w.to_string();
    }
    // "feed" -> "feeding", "proceed" -> "proceeding": the "-ed" is the verb's own.
    if lower.ends_with("eed") {
        return format!("{w}ing");
    }
    if let Some(stem) = lower.strip_suffix("ied") {
        return format!("{}ying", &w[..stem.len()]);
    }
    if lower.ends_with("ed") && lower.len() >= 4 {
        // "graded" -> "grad" + "ing"; "stopped" -> "stopp" + "ing"; "cued" -> "cueing" (a
        // form that keeps "cue" whole).
        let stem = &w[..w.len() - 2];
        if stem.to_ascii_lowercase().ends_with('u') {
            return format!("{stem}eing");
        }
        return format!("{stem}ing");
    }
    if lower == "be" {
        return w.to_string();
    }
    if lower.ends_with("ie") {
        return format!("{}ying", &w[..w.len() - 2]);
    }
    if lower.ends_with('e') && !lower.ends_with("ee") && !lower.ends_with("ye") && !lower.ends_with("oe") && lower.len() > 2 {
        return format!("{}ing", &w[..w.len() - 1]);
    }
    // One syllable ending consonant-vowel-consonant doubles ("step", "get", "sit", "hop", "jog").
    let b = lower.as_bytes();
    let vowel = |c: u8| b"aeiou".contains(&c);
    let n = b.len();
    let cvc = n >= 3 && !vowel(b[n - 1]) && vowel(b[n - 2]) && !vowel(b[n - 3]) && !b"wxy".contains(&b[n - 1]);
    let syllables = b.iter().enumerate().filter(|&(i, &c)| vowel(c) && (i == 0 || !vowel(b[i - 1]))).count();
    if cvc && (syllables == 1 || ["transfer", "refer", "control", "patrol"].contains(&lower.as_str())) {
        return format!("{w}{}ing", &w[n - 1..]);
    }
    format!("{w}ing")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_agree_and_capitalise() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(list(&v(&["a"]), 3), "a");
        assert_eq!(list(&v(&["a", "b"]), 3), "a and b");
        assert_eq!(list(&v(&["a", "b", "c", "d"]), 3), "a, b and c");
        assert_eq!(list_of_lists(&v(&["providing a and b", "grading c"]), 3), "providing a and b, and grading c");
        assert_eq!(list_of_lists(&v(&["providing a", "grading c"]), 3), "providing a and grading c");
        assert_eq!(agree(plural(&[Np { text: "ataxia".into(), plural: false }]), "limits", "limit"), "limits");
        assert!(plural_head("reactions") && !plural_head("loss") && !plural_head("ataxia") && !plural_head("kinematics"));
        assert_eq!(sentence("tUG improved  from 21 s to 16 s;"), "TUG improved from 21 s to 16 s.");
        assert_eq!(sentence("[impairment] persists"), "[impairment] persists.");
        assert_eq!(lower_first("Delayed R hip activation"), "delayed R hip activation");
        assert_eq!(lower_first("CGA for turns"), "CGA for turns");
        assert_eq!(lower_first("ADLs in standing"), "ADLs in standing");
    }

    #[test]
    fn a_non_ascii_first_letter_stays_as_written() {
        assert_eq!(capitalise("éva reports"), "éva reports");
        assert_eq!(capitalise("walks 10 m"), "Walks 10 m");
        assert_eq!(lower_first("Équilibre training"), "Équilibre training");
        assert_eq!(capitalise(""), "");
    }

    #[test]
    fn gerunds_are_inflections_of_the_written_word() {
        for (w, g) in [
            ("graded", "grading"), ("progressed", "progressing"), ("modified", "modifying"), ("stopped", "stopping"),
            ("cued", "cueing"), ("faded", "fading"), ("walk", "walking"), ("ambulate", "ambulating"), ("step", "stepping"),
            ("transfer", "transferring"), ("climb", "climbing"), ("negotiate", "negotiating"), ("get", "getting"),
            ("facilitated", "facilitating"), ("return", "returning"), ("see", "seeing"), ("Blocked", "Blocking"),
            ("feed", "feeding"), ("proceed", "proceeding"), ("3333", "3333"), ("x2", "x2"),
        ] {
            assert_eq!(gerund(w), g, "{w}");
        }
    }
}
