//! Word forms: the regular inflections of a base word, shared by the lexicon (terms match their
//! inflections) and the context table (triggers match theirs). No dependencies: the first step
//! of the one-way flow tokens -> morphology -> lexicon -> context and blocks -> labeller.

/// The regular inflections of a base word: -s/-es, -ed/-d, -ing (with a dropped e or a doubled
/// consonant), -ies/-ied. The same endings `crate::lexicon::inflection_of` accepts.
pub fn inflections(w: &str) -> Vec<String> {
    let mut v = vec![w.to_string()];
    if w.len() < 3 || !w.bytes().all(|b| b.is_ascii_lowercase()) {
        return v;
    }
    let b = w.as_bytes();
    let last = b[b.len() - 1];
    let vowel = |c: u8| b"aeiou".contains(&c);
    if last == b'e' {
        let stem = &w[..w.len() - 1];
        // "cueing" keeps its e beside "cuing".
        v.extend([format!("{w}s"), format!("{w}d"), format!("{stem}ing"), format!("{w}ing")]);
    } else if last == b'y' && !vowel(b[b.len() - 2]) {
        let stem = &w[..w.len() - 1];
        v.extend([format!("{stem}ies"), format!("{stem}ied"), format!("{w}ing")]);
    } else {
        let es = matches!(last, b's' | b'x' | b'z' | b'h');
        v.push(if es { format!("{w}es") } else { format!("{w}s") });
        v.extend([format!("{w}ed"), format!("{w}ing")]);
        // Doubled final consonant after a single short vowel: tap -> tapped, tapping.
        if !vowel(last) && !matches!(last, b'w' | b'x' | b'y') && vowel(b[b.len() - 2]) && !vowel(b[b.len() - 3]) {
            v.extend([format!("{w}{}ed", last as char), format!("{w}{}ing", last as char)]);
        }
    }
    v
}

