//! The `skillmark` command-line checker.
fn main() {
    let path = std::env::args().nth(2).unwrap();
    let data = std::fs::read_to_string(path).unwrap();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let r = skillmark::analyze(v["text"].as_str().unwrap(), &Default::default());
        let ann: Vec<_> = r.annotations.iter().map(|a| serde_json::json!({"label": a.label, "start": a.span.start, "end": a.span.end})).collect();
        let f: Vec<_> = r.findings.iter().map(|f| serde_json::json!({"code": f.code})).collect();
        println!("{}", serde_json::json!({"id": v["id"], "annotations": ann, "findings": f}));
    }
}
