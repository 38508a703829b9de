//! The table of every model parameter for trainers (docs/model.md, "Parameters"), generated from
//! `Params` itself: its fields and doc lines (with their provenance tags), its defaults, and the
//! ranges the loader accepts. A test keeps the committed page equal to this output.

use crate::model::Params;

/// The source of `Params`, read at build time: the doc line above each field is its meaning and
/// source, the `// ---- Section ----` lines group them.
const PARAMS_SOURCE: &str = include_str!("../model/params.rs");

/// The markers around the generated table in docs/model.md.
pub const TABLE_START: &str = "<!-- params-table -->";
pub const TABLE_END: &str = "<!-- /params-table -->";

/// One parameter as the table shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamDoc {
    pub section: String,
    pub name: String,
    /// `S` published, `D` derived from a source, `G` game-design default, or a mix (`S/G`).
    pub provenance: String,
    pub meaning: String,
    pub default: f64,
    pub range: (f64, f64),
}

/// Drops references to the design brief's sections (`(§4.3)`), which are not in this
/// repository, and tidies the spaces they leave.
fn without_section_refs(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(k) = rest.find("(§") {
        out.push_str(&rest[..k]);
        rest = rest[k..].find(')').map_or("", |e| &rest[k + e + 1..]);
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every field of `Params` in declaration order, with its section, doc line, default and range.
/// Fields whose doc line or range is missing are returned with empty text / a NaN range, so the
/// test that compares this with the page also catches an undocumented field.
pub fn param_docs() -> Vec<ParamDoc> {
    let defaults = serde_json::to_value(Params::default()).unwrap_or_default();
    let body = PARAMS_SOURCE
        .split("pub struct Params {")
        .nth(1)
        .and_then(|s| s.split("\n}").next())
        .unwrap_or_default();
    let mut out = Vec::new();
    let mut section = String::new();
    let mut doc: Vec<&str> = Vec::new();
    for line in body.lines().map(str::trim) {
        if let Some(s) = line.strip_prefix("// ----") {
            section = without_section_refs(s.trim_end_matches('-').trim());
            doc.clear();
        } else if let Some(d) = line.strip_prefix("///") {
            doc.push(d.trim());
        } else if let Some(field) = line.strip_prefix("pub ") {
            let name = field
                .split(':')
                .next()
                .unwrap_or_default()
                .trim()
                .to_string();
            let text = doc.join(" ");
            doc.clear();
            let (provenance, meaning) = match text.strip_prefix('[').and_then(|t| t.split_once(']'))
            {
                Some((p, m)) => (p.to_string(), m.trim().to_string()),
                None => (String::new(), text),
            };
            let range = super::PARAM_RANGES
                .iter()
                .find(|r| r.0 == name)
                .map_or((f64::NAN, f64::NAN), |r| (r.1, r.2));
            out.push(ParamDoc {
                section: section.clone(),
                default: defaults[&name].as_f64().unwrap_or(f64::NAN),
                name,
                provenance,
                meaning: without_section_refs(&meaning),
                range,
            });
        } else if !line.starts_with("//") {
            doc.clear();
        }
    }
    out
}

/// A number as the table shows it: short, without trailing zeros.
fn show(x: f64) -> String {
    if x.is_nan() {
        "?".into()
    } else if x != 0.0 && x.abs() < 0.001 {
        format!("{x:e}")
    } else {
        let s = format!("{x:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The Markdown of the table, one section per group of parameters, between the markers.
pub fn params_table() -> String {
    let mut out = String::new();
    out.push_str(TABLE_START);
    out.push_str(
        "\n<!-- Generated from src/model/params.rs and PARAM_RANGES by `ORGCRAFT_UPDATE_DOCS=1 \
         cargo test --test model_doc`; do not edit by hand. -->\n",
    );
    let mut section: Option<String> = None;
    for p in param_docs() {
        if section.as_deref() != Some(p.section.as_str()) {
            out.push_str(&format!(
                "\n### {}\n\n| parameter | default | accepted range | kind | meaning and source |\n|---|---|---|---|---|\n",
                p.section
            ));
            section = Some(p.section.clone());
        }
        out.push_str(&format!(
            "| `{}` | {} | {} – {} | {} | {} |\n",
            p.name,
            show(p.default),
            show(p.range.0),
            show(p.range.1),
            p.provenance,
            p.meaning.replace('|', "\\|")
        ));
    }
    out.push('\n');
    out.push_str(TABLE_END);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_found_with_its_doc_line() {
        let docs = param_docs();
        let fields = serde_json::to_value(Params::default())
            .ok()
            .and_then(|v| v.as_object().map(|o| o.len()))
            .unwrap_or(0);
        assert_eq!(docs.len(), fields);
        assert!(
            docs.iter()
                .all(|d| !d.meaning.is_empty() && !d.section.is_empty())
        );
        assert_eq!(without_section_refs("Staffing (§4.3)"), "Staffing");
    }
}
