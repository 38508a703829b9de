//! Workshop sessions: a pack every table plays (same scenario file, same seed), and the
//! facilitator's report that merges the tables' decision logs side by side.

use crate::model::action::ActionKind;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::headless::RunReport;
use crate::headless::log::{self, DecisionLog};
use crate::scenario::Scenario;

/// `session.json` in a session pack.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct SessionFile {
    pub format: u32,
    /// Orgcraft's version and model version that made the pack (tables should play it with
    /// the same model, so their logs merge without re-simulation).
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub model_version: u32,
    pub scenario: String,
    pub scenario_hash: String,
    pub seed: u64,
    pub tables: Vec<String>,
}

/// Writes a session pack: the scenario file, `session.json` and a README with each table's
/// command. Returns the pack's scenario path.
pub fn new_pack(
    sc: &Scenario,
    text: &str,
    seed: u64,
    tables: u32,
    dir: &Path,
) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let scenario_path = dir.join("scenario.ron");
    std::fs::write(&scenario_path, text)?;
    let names: Vec<String> = (1..=tables).map(|i| format!("table-{i}")).collect();
    let file = SessionFile {
        format: 1,
        version: env!("CARGO_PKG_VERSION").to_string(),
        model_version: crate::model::MODEL_VERSION,
        scenario: sc.raw.id.clone(),
        scenario_hash: format!("{:016x}", sc.content_hash),
        seed,
        tables: names.clone(),
    };
    std::fs::write(
        dir.join("session.json"),
        serde_json::to_vec_pretty(&file).map_err(std::io::Error::other)?,
    )?;
    let mut readme = format!(
        "# Orgcraft session: {}\n\nEvery table plays the same scenario file with seed {seed}, so the debrief compares decisions, not luck.\n\n",
        sc.raw.title
    );
    for n in &names {
        let _ = writeln!(
            readme,
            "- **{n}**: `orgcraft play scenario.ron --seed {seed} --table {n}` (the game writes `{n}.json` in its save folder's `logs/`), or headlessly `orgcraft run scenario.ron --seed {seed} --table {n} --log {n}.json`"
        );
    }
    let _ = writeln!(
        readme,
        "\nThen: `orgcraft session merge table-*.json --out report/` (run it in this folder)."
    );
    std::fs::write(dir.join("README.md"), readme)?;
    Ok(scenario_path)
}

/// One table's replayed run.
pub struct TableRun {
    pub name: String,
    /// The table's log (with `--resimulate`, its re-simulation on the current model).
    pub log: DecisionLog,
    pub run: RunReport,
    /// The model version the table played on (before any re-simulation).
    pub played_model: u32,
    /// Decisions the current model refused when the table was re-simulated.
    pub dropped: Vec<log::Dropped>,
}

/// Reads and replays each table's log; all must share the scenario version, the seed and the
/// model version. Logs of another model version are refused unless `resimulate`, which plays
/// every table's decisions on the current model; versions are never mixed silently.
pub fn load_tables(
    sc: &Scenario,
    logs: &[PathBuf],
    resimulate: bool,
) -> Result<Vec<TableRun>, String> {
    let mut read: Vec<(String, DecisionLog)> = Vec::new();
    for p in logs {
        let lg = DecisionLog::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
        let name = lg.table.clone().unwrap_or_else(|| {
            p.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "table".into())
        });
        if let Some((first, first_log)) = read.first() {
            if lg.seed != first_log.seed {
                return Err(format!(
                    "{}: seed {} differs from {first}'s seed {}; every table must play the same seed",
                    p.display(),
                    lg.seed,
                    first_log.seed
                ));
            }
            if lg.model_version != first_log.model_version && !resimulate {
                return Err(format!(
                    "{}: model version {} differs from {first}'s model version {}: the tables played different simulations. Pass --resimulate to play every table's decisions on the current model (version {})",
                    p.display(),
                    lg.model_version,
                    first_log.model_version,
                    crate::model::MODEL_VERSION
                ));
            }
        }
        read.push((name, lg));
    }
    if read.is_empty() {
        return Err("no logs given".into());
    }
    let mut out = Vec::new();
    for ((name, lg), p) in read.into_iter().zip(logs) {
        let played_model = lg.model_version;
        let table = if resimulate {
            let r = log::resimulate(sc, &lg).map_err(|e| format!("{}: {e}", p.display()))?;
            TableRun {
                name,
                log: r.log,
                run: r.report,
                played_model,
                dropped: r.dropped,
            }
        } else {
            let run = log::replay(sc, &lg).map_err(|e| format!("{}: {e}", p.display()))?;
            TableRun {
                name,
                log: lg,
                run,
                played_model,
                dropped: Vec::new(),
            }
        };
        out.push(table);
    }
    Ok(out)
}

/// Weeks where the tables' decisions differ: (week, per table the action kinds).
pub fn divergences(tables: &[TableRun]) -> Vec<(u32, Vec<(String, String)>)> {
    let weeks = tables.iter().map(|t| t.log.weeks.len()).max().unwrap_or(0) as u32;
    let mut out = Vec::new();
    for w in 1..=weeks {
        let per: Vec<(String, String)> = tables
            .iter()
            .map(|t| {
                let kinds: Vec<ActionKind> = t.log.actions(w).iter().map(|a| a.kind()).collect();
                (t.name.clone(), counted_labels(&kinds))
            })
            .collect();
        if per.iter().any(|(_, k)| *k != per[0].1) {
            out.push((w, per));
        }
    }
    out
}

/// Action kinds as plain labels, each once with how many times it was taken, in `ActionKind`
/// order ("1:1 ×11, mentoring ×2, vision session").
pub fn counted_labels(kinds: &[ActionKind]) -> String {
    ActionKind::ALL
        .iter()
        .filter_map(|k| {
            let n = kinds.iter().filter(|x| *x == k).count();
            match n {
                0 => None,
                1 => Some(k.label().to_string()),
                n => Some(format!("{} ×{n}", k.label())),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn esc(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Discussion questions from the spread between tables.
pub fn questions(tables: &[TableRun], div: &[(u32, Vec<(String, String)>)]) -> Vec<String> {
    let mut q = Vec::new();
    let best = tables
        .iter()
        .max_by(|a, b| a.run.combined.total_cmp(&b.run.combined));
    let worst = tables
        .iter()
        .min_by(|a, b| a.run.combined.total_cmp(&b.run.combined));
    if let (Some(b), Some(w)) = (best, worst)
        && b.name != w.name
    {
        q.push(format!(
            "{} scored {:.1} combined and {} {:.1} on the same world. What did {} do that {} did not?",
            b.name, b.run.combined, w.name, w.run.combined, b.name, w.name
        ));
    }
    if let Some((week, _)) = div.first() {
        q.push(format!("Decisions first diverged in week {week}. What did each table see that week, and why did they choose differently?"));
    }
    let quads: std::collections::BTreeSet<&str> = tables
        .iter()
        .map(|t| t.run.debrief.quadrant.as_str())
        .collect();
    if quads.len() > 1 {
        q.push(format!(
            "The tables ended in different quadrants ({}). Which trade-off between culture and product did each make, knowingly or not?",
            quads.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    if tables.iter().any(|t| t.run.debrief.voluntary_exits > 0) {
        q.push(
            "Some tables lost people to resignation. What warning signs did they see first?".into(),
        );
    }
    q.push("Which single decision would every table now make in week 1?".into());
    q
}

/// Writes the facilitator report: `index.html` and `report.md` with every table side by side.
pub fn write_merge(sc: &Scenario, tables: &[TableRun], dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let div = divergences(tables);
    let qs = questions(tables, &div);
    let mut md = format!(
        "# Session debrief: {}\n\nSeed {} · {} tables · scenario hash {:016x} · Orgcraft {}, model version {}\n\n",
        sc.raw.title,
        tables[0].log.seed,
        tables.len(),
        sc.content_hash,
        env!("CARGO_PKG_VERSION"),
        crate::model::MODEL_VERSION
    );
    for t in tables
        .iter()
        .filter(|t| t.played_model != crate::model::MODEL_VERSION)
    {
        let _ = writeln!(
            md,
            "- {} played on model version {}; its decisions were re-simulated on model version {}{}.",
            t.name,
            t.played_model,
            crate::model::MODEL_VERSION,
            if t.dropped.is_empty() {
                String::new()
            } else {
                format!(
                    " ({} decision(s) no longer apply: {})",
                    t.dropped.len(),
                    t.dropped
                        .iter()
                        .map(|d| format!("week {} {}: {}", d.week, d.action, d.reason))
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            }
        );
    }
    if tables
        .iter()
        .any(|t| t.played_model != crate::model::MODEL_VERSION)
    {
        md.push('\n');
    }
    md.push_str("| Table | Culture | Product | Combined | Quadrant | Resignations |\n|---|---|---|---|---|---|\n");
    for t in tables {
        let _ = writeln!(
            md,
            "| {} | {:.1} | {:.1} | {:.1} | {} | {} |",
            t.name,
            t.run.culture,
            t.run.product,
            t.run.combined,
            t.run.debrief.quadrant,
            t.run.debrief.voluntary_exits
        );
    }
    // The tables' leadership profiles side by side: decisions per axis, and the servant line.
    let profiles: Vec<super::profile::Profile> = tables
        .iter()
        .map(|t| super::profile::profile(sc, &t.log))
        .collect();
    md.push_str("\n## Leadership profiles\n\nDecisions on each of the four things leaders of empowered teams do; the servant line played the same world.\n\n| |");
    for t in tables {
        let _ = write!(md, " {} |", t.name);
    }
    md.push_str(" Servant line |\n|---|");
    for _ in tables {
        md.push_str("---|");
    }
    md.push_str("---|\n");
    for (i, axis) in super::profile::Axis::ALL.iter().enumerate() {
        let _ = write!(md, "| {} |", axis.label());
        for p in &profiles {
            let _ = write!(md, " {} |", p.axes[i].yours);
        }
        let _ = writeln!(
            md,
            " {} |",
            profiles.first().map_or(0, |p| p.axes[i].servant)
        );
    }
    let _ = write!(md, "| Demands defended |");
    for p in &profiles {
        let _ = write!(md, " {} of {} |", p.demands.0, p.demands.0 + p.demands.1);
    }
    let _ = writeln!(
        md,
        " {} |",
        profiles.first().map_or_else(String::new, |p| format!(
            "{} of {}",
            p.servant_demands.0,
            p.servant_demands.0 + p.servant_demands.1
        ))
    );
    md.push_str("\n## Weeks where decisions diverged\n\n");
    for (w, per) in &div {
        let _ = writeln!(
            md,
            "- Week {w}: {}",
            per.iter()
                .map(|(n, k)| format!("{n}: {}", if k.is_empty() { "nothing" } else { k }))
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
    md.push_str("\n## Questions\n\n");
    for (i, q) in qs.iter().enumerate() {
        let _ = writeln!(md, "{}. {q}", i + 1);
    }
    // Scatter of culture × product with each table labelled.
    let (s, pad) = (360.0, 36.0);
    let at = |c: f64, p: f64| {
        (
            pad + (s - 2.0 * pad) * c.clamp(0.0, 100.0) / 100.0,
            s - pad - (s - 2.0 * pad) * p.clamp(0.0, 100.0) / 100.0,
        )
    };
    let (mx, my) = at(50.0, 50.0);
    let mut svg = format!(
        r##"<svg class="scatter" viewBox="0 0 {s} {s}" width="{s}" height="{s}" role="img" aria-label="Culture by product, one dot per table"><rect x="{pad}" y="{pad}" width="{i}" height="{i}" fill="#f7f7f7"/><line x1="{mx}" y1="{pad}" x2="{mx}" y2="{b}" stroke="#999"/><line x1="{pad}" y1="{my}" x2="{b}" y2="{my}" stroke="#999"/><text x="{mx}" y="{sb}" font-size="11" text-anchor="middle">culture →</text>"##,
        i = s - 2.0 * pad,
        b = s - pad,
        sb = s - 8.0
    );
    for t in tables {
        let (x, y) = at(t.run.culture, t.run.product);
        let _ = write!(
            svg,
            r##"<circle cx="{x:.1}" cy="{y:.1}" r="6" fill="#0072B2"/><text x="{:.1}" y="{:.1}" font-size="12">{}</text>"##,
            x + 8.0,
            y + 4.0,
            esc(&t.name)
        );
    }
    svg.push_str("</svg>");
    let mut html = format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>Session debrief: {t}</title><style>body {{ font-family: sans-serif; max-width: 980px; margin: 2em auto; }} table {{ border-collapse: collapse; }} td, th {{ border-bottom: 1px solid #ddd; padding: 2px 10px; text-align: left; }}</style></head><body><h1>Session debrief: {t}</h1><p>Seed {seed} · {n} tables · scenario hash {h:016x} · Orgcraft {v}, model version {m}</p>"#,
        t = esc(&sc.raw.title),
        seed = tables[0].log.seed,
        n = tables.len(),
        h = sc.content_hash,
        v = env!("CARGO_PKG_VERSION"),
        m = crate::model::MODEL_VERSION
    );
    for t in tables
        .iter()
        .filter(|t| t.played_model != crate::model::MODEL_VERSION)
    {
        let _ = write!(
            html,
            "<p>{} played on model version {}; its decisions were re-simulated on model version {} ({} decision(s) no longer apply).</p>",
            esc(&t.name),
            t.played_model,
            crate::model::MODEL_VERSION,
            t.dropped.len()
        );
    }
    html.push_str("<table><tr><th>Table</th><th>Culture</th><th>Product</th><th>Combined</th><th>Quadrant</th><th>Resignations</th></tr>");
    for t in tables {
        let _ = write!(
            html,
            "<tr><td>{}</td><td>{:.1}</td><td>{:.1}</td><td>{:.1}</td><td>{}</td><td>{}</td></tr>",
            esc(&t.name),
            t.run.culture,
            t.run.product,
            t.run.combined,
            esc(&t.run.debrief.quadrant),
            t.run.debrief.voluntary_exits
        );
    }
    html.push_str("</table>");
    html.push_str(&svg);
    html.push_str("<h2>Leadership profiles</h2><p>Decisions on each of the four things leaders of empowered teams do; the servant line played the same world.</p><table><tr><th></th>");
    for t in tables {
        let _ = write!(html, "<th>{}</th>", esc(&t.name));
    }
    html.push_str("<th>Servant line</th></tr>");
    for (i, axis) in super::profile::Axis::ALL.iter().enumerate() {
        let _ = write!(html, "<tr><td>{}</td>", axis.label());
        for p in &profiles {
            let _ = write!(html, "<td>{}</td>", p.axes[i].yours);
        }
        let _ = write!(
            html,
            "<td>{}</td></tr>",
            profiles.first().map_or(0, |p| p.axes[i].servant)
        );
    }
    html.push_str("<tr><td>Demands defended</td>");
    for p in &profiles {
        let _ = write!(
            html,
            "<td>{} of {}</td>",
            p.demands.0,
            p.demands.0 + p.demands.1
        );
    }
    if let Some(p) = profiles.first() {
        let _ = write!(
            html,
            "<td>{} of {}</td>",
            p.servant_demands.0,
            p.servant_demands.0 + p.servant_demands.1
        );
    }
    html.push_str("</tr></table>");
    html.push_str("<h2>Weeks where decisions diverged</h2><ul>");
    for (w, per) in &div {
        let _ = write!(
            html,
            "<li>Week {w}: {}</li>",
            esc(&per
                .iter()
                .map(|(n, k)| format!("{n}: {}", if k.is_empty() { "nothing" } else { k }))
                .collect::<Vec<_>>()
                .join("; "))
        );
    }
    html.push_str("</ul><h2>Questions</h2><ol>");
    for q in &qs {
        let _ = write!(html, "<li>{}</li>", esc(q));
    }
    html.push_str("</ol></body></html>\n");
    std::fs::write(dir.join("index.html"), html)?;
    std::fs::write(dir.join("report.md"), md)
}
