//! docs/model.md tells trainers the truth about `Params`: its parameter table is exactly what
//! `scenario::reference::params_table()` generates from the code (defaults, accepted ranges,
//! provenance and sources). `ORGCRAFT_UPDATE_DOCS=1 cargo test --test model_doc` rewrites it.

use orgcraft::scenario::reference::{TABLE_END, TABLE_START, param_docs, params_table};

fn doc_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/model.md")
}

#[test]
fn the_parameter_table_in_docs_matches_params() {
    let path = doc_path();
    let page = std::fs::read_to_string(&path).expect("docs/model.md");
    let start = page
        .find(TABLE_START)
        .expect("docs/model.md has the table marker");
    // Before the first generation the page holds the start marker alone.
    let end = page[start..]
        .find(TABLE_END)
        .map_or(start + TABLE_START.len(), |k| start + k + TABLE_END.len());
    let generated = params_table();
    if std::env::var_os("ORGCRAFT_UPDATE_DOCS").is_some() {
        let updated = format!("{}{}{}", &page[..start], generated, &page[end..]);
        std::fs::write(&path, updated).expect("write docs/model.md");
        return;
    }
    let committed = &page[start..end];
    if committed != generated {
        let first_difference = committed
            .lines()
            .zip(generated.lines())
            .find(|(a, b)| a != b)
            .map(|(a, b)| format!("page:  {a}\ncode:  {b}"))
            .unwrap_or_else(|| "the tables differ in length".into());
        panic!(
            "docs/model.md's parameter table is out of date; run ORGCRAFT_UPDATE_DOCS=1 cargo \
             test --test model_doc\n{first_difference}"
        );
    }
}

#[test]
fn every_parameter_has_a_meaning_a_source_kind_and_a_range_holding_its_default() {
    for p in param_docs() {
        assert!(!p.meaning.is_empty(), "params.{} has no doc line", p.name);
        assert!(
            ["S", "D", "G", "S/G", "D/G", "S/D"].contains(&p.provenance.as_str()),
            "params.{}: provenance [{}] is not one of S, D, G",
            p.name,
            p.provenance
        );
        assert!(
            p.range.0 <= p.default && p.default <= p.range.1,
            "params.{}: default {} outside {:?}",
            p.name,
            p.default,
            p.range
        );
    }
}

#[test]
fn the_guide_links_the_model_reference_and_not_the_design_brief() {
    let guide = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/README.md"),
    )
    .expect("scenarios/README.md");
    assert!(guide.contains("../docs/model.md"));
    assert!(
        !guide.contains("MODEL.md"),
        "the guide still sends trainers to MODEL.md"
    );
}
