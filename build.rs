//! Compiles the lexicon lists in without their `#` comment lines and blank lines: the headers
//! (each list's source and licence) stay in the repository's `src/lexicon/*.txt`, and the wasm
//! carries only the terms. `src/lexicon/mod.rs` includes the stripped copies from `OUT_DIR`.

use std::{env, fs, path::Path};

fn main() {
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("lexicon");
    fs::create_dir_all(&out).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=src/lexicon");
    let mut files: Vec<_> = fs::read_dir("src/lexicon").expect("src/lexicon exists").map(|e| e.expect("readable entry").path()).collect();
    files.sort();
    for path in files {
        if path.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).expect("lexicon lists are UTF-8");
        let kept: String = text
            .lines()
            .filter(|l| {
                let t = l.trim();
                !t.is_empty() && !t.starts_with('#')
            })
            .flat_map(|l| [l, "\n"])
            .collect();
        fs::write(out.join(path.file_name().expect("a file name")), kept).expect("OUT_DIR is writable");
    }
}
