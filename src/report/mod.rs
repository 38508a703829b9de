//! Debrief reports for facilitators and learners: `report.md` and a self-contained
//! `index.html` (inline CSS and SVG charts, no scripts, no network) built from a decision log.

use std::fmt::Write as _;
use std::path::Path;

use crate::headless::log::{DecisionLog, Luck};
use crate::headless::{RunReport, Sim};
use crate::model::action::ActionKind;
use crate::model::ledger::FeedbackLoop;
use crate::scenario::Scenario;
use crate::score::WeekScores;
use crate::score::capitalise;
use crate::sim::describe::describe;

/// Everything a report shows.
pub struct ReportData<'a> {
    pub scenario: &'a Scenario,
    pub log: &'a DecisionLog,
    pub run: &'a RunReport,
    pub luck: Option<&'a Luck>,
}

/// Named feedback loops ranked by the points of the top causes that belong to them.
pub fn dominant_loops(run: &RunReport) -> Vec<(FeedbackLoop, f64)> {
    let d = &run.debrief;
    let mut loops: Vec<(FeedbackLoop, f64)> = Vec::new();
    for c in d
        .culture_up
        .iter()
        .chain(&d.culture_down)
        .chain(&d.product_up)
        .chain(&d.product_down)
    {
        if let Some(l) = c.driver.feedback_loop() {
            match loops.iter_mut().find(|(n, _)| *n == l) {
                Some(x) => x.1 += c.points.abs(),
                None => loops.push((l, c.points.abs())),
            }
        }
    }
    loops.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    loops.truncate(2);
    loops
}

/// Discussion questions chosen by what happened in this run (at most six).
pub fn questions(data: &ReportData) -> Vec<String> {
    let r = data.run;
    let d = &r.debrief;
    let count = |kind: ActionKind| {
        d.decisions
            .iter()
            .filter(|(_, k)| k == kind.as_str())
            .count()
    };
    let mut q = Vec::new();
    match d.quadrant.as_str() {
        "High performance" => q.push("Culture and product both ended above 50. Which early decision made the later ones easier?".to_string()),
        "Death march" => q.push("Product held up but culture fell. How long could this team have kept delivering at this pace, and who would have left first?".to_string()),
        "Country club" => q.push("The team is healthy but the product lagged. Where did capacity go that customers never saw?".to_string()),
        _ => q.push("Both scores ended below 50. Which week would you replay first, and what would you change?".to_string()),
    }
    if d.voluntary_exits > 0 {
        q.push(format!(
            "{} people resigned. Which signals (engagement, exhaustion, flight risk) came first, and when could you have acted?",
            d.voluntary_exits
        ));
    }
    let complied = count(ActionKind::Comply);
    let defended =
        count(ActionKind::Shield) + count(ActionKind::Reframe) + count(ActionKind::Escalate);
    if complied >= 2 {
        q.push(format!(
            "You complied with {complied} stakeholder demands. Which of them could have been reframed as an outcome, and what would that have cost you?"
        ));
    }
    if defended >= 2 {
        q.push(format!(
            "You shielded, reframed or escalated {defended} demands. How did the stakeholders' trust and your political capital move afterwards?"
        ));
    }
    let hires = count(ActionKind::OpenRequisition) + count(ActionKind::HireContractors);
    if hires >= 2 {
        q.push(format!(
            "You opened {hires} hiring actions. How long before the new people added more than they cost their teams (Brooks)?"
        ));
    }
    if count(ActionKind::OneOnOne) == 0 {
        q.push("You held no 1:1s. What did you not learn about your people as a result?".into());
    }
    if let Some(c) = d.culture_down.first().or(d.product_down.first()) {
        q.push(format!(
            "\"{}\": what would have changed this, and when?",
            c.sentence
        ));
    }
    if let Some(l) = data.luck {
        if l.percentile < 30.0 {
            q.push(format!(
                "These decisions did better on most other seeds ({:.0}th percentile): what was bad luck, and what would have been robust to it?",
                l.percentile
            ));
        } else if l.percentile > 70.0 {
            q.push(format!(
                "Luck helped ({:.0}th percentile of the same decisions on other seeds). Which decision would you not rely on next time?",
                l.percentile
            ));
        }
    }
    q.truncate(6);
    q
}

/// Each week's logged decisions in plain words ("1:1 with Ana", "Shield Onboarding from Helga's
/// demand for a status report"), each described against the world as it stood when it was
/// taken: the log is replayed, so demands and people that are gone later still have names.
/// Weeks without decisions are left out.
pub fn described_decisions(scenario: &Scenario, log: &DecisionLog) -> Vec<(u32, Vec<String>)> {
    let weeks = log.length.clamp(1, crate::scenario::limits::MAX_WEEKS);
    Sim::with_reused_length(scenario, log.seed, weeks, None, |sim| {
        let mut out = Vec::new();
        for w in &log.weeks {
            if sim.week() > sim.weeks() {
                break;
            }
            if !w.actions.is_empty() {
                let said = w.actions.iter().map(|a| describe(sim.world(), a)).collect();
                out.push((w.week, said));
            }
            sim.play_week(&w.actions, None);
        }
        out
    })
}

fn played(run: &RunReport) -> Vec<&WeekScores> {
    run.history.iter().collect()
}

/// The report as Markdown.
pub fn markdown(data: &ReportData) -> String {
    let r = data.run;
    let mut s = String::new();
    let _ = writeln!(s, "# Debrief: {}\n", data.scenario.raw.title);
    let _ = writeln!(
        s,
        "Seed {} · {} weeks · decided by {} · scenario hash {} · Orgcraft {}, model version {}\n",
        data.log.seed, r.weeks, data.log.policy, data.log.scenario_hash, r.version, r.model_version
    );
    let _ = writeln!(s, "## Scores\n");
    let _ = writeln!(
        s,
        "- Culture **{:.1}**, product success **{:.1}**, combined **{:.1}**: *{}*\n",
        r.culture, r.product, r.combined, r.debrief.quadrant
    );
    if let Some(last) = r.history.last() {
        let _ = writeln!(s, "| Sub-score | Value |\n|---|---|");
        for (name, v) in last.subscores() {
            let _ = writeln!(s, "| {} | {v:.1} |", crate::score::subscore_label(name));
        }
        s.push('\n');
    }
    let _ = writeln!(s, "## Culture × product, week by week\n");
    let _ = writeln!(s, "| Week | Culture | Product |\n|---|---|---|");
    for w in played(r) {
        let _ = writeln!(
            s,
            "| {}{} | {:.1} | {:.1} |",
            w.week,
            if w.epilogue { " (epilogue)" } else { "" },
            w.culture,
            w.product
        );
    }
    s.push('\n');
    if let Some(a) = &r.debrief.by_decisions {
        let _ = writeln!(s, "## Your decisions that moved the scores\n");
        for l in a.summary_lines(8) {
            let _ = writeln!(s, "{}", markdown_line(&l));
        }
        s.push('\n');
    }
    let _ = writeln!(s, "## What moved the scores (the mechanisms)\n");
    for (title, list) in [
        ("Culture up", &r.debrief.culture_up),
        ("Culture down", &r.debrief.culture_down),
        ("Product up", &r.debrief.product_up),
        ("Product down", &r.debrief.product_down),
    ] {
        let _ = writeln!(s, "**{title}**\n");
        for c in list {
            let _ = writeln!(s, "- {}", c.sentence);
        }
        s.push('\n');
    }
    let _ = writeln!(s, "## Dominant feedback loops\n");
    for (l, pts) in dominant_loops(r) {
        let _ = writeln!(
            s,
            "- {} ({pts:.1} points among the top causes): {}",
            capitalise(l.name()),
            l.explanation()
        );
    }
    s.push('\n');
    s.push_str(&profile::markdown(&profile::profile(
        data.scenario,
        data.log,
    )));
    let _ = writeln!(s, "## Key decisions\n");
    for (week, decided) in described_decisions(data.scenario, data.log) {
        let _ = writeln!(s, "- Week {week}: {}", decided.join("; "));
    }
    s.push('\n');
    if let Some(l) = data.luck {
        let _ = writeln!(s, "## Luck and skill\n");
        let _ = writeln!(
            s,
            "Your decisions score in the {:.0}th percentile of their own luck: on {} other seeds they scored {:.1}–{:.1} (p10–p90).\n",
            l.percentile, l.seeds, l.spread.p10, l.spread.p90
        );
        let _ = writeln!(s, "| Bot | Median | You beat |\n|---|---|---|");
        for (name, sp, beat) in &l.bots {
            let _ = writeln!(s, "| {name} | {:.1} | {beat:.0}% |", sp.p50);
        }
        s.push('\n');
    }
    let _ = writeln!(s, "## Questions for the debrief\n");
    for (i, q) in questions(data).iter().enumerate() {
        let _ = writeln!(s, "{}. {q}", i + 1);
    }
    s
}

/// The debrief by decisions as HTML: the comparison, then one table per score.
fn html_by_decisions(s: &mut String, a: &crate::headless::attribution::Attribution) {
    let (y, c) = (a.you, a.caretaker);
    let _ = write!(
        s,
        "<h2>Your decisions that moved the scores</h2><p>Against a caretaker in the same world with the same luck: culture {:.1} vs {:.1} ({:+.1}), product {:.1} vs {:.1} ({:+.1}), combined {:.1} vs {:.1} ({:+.1}). Each line replays the game with the caretaker deciding in that topic instead.</p>",
        y.0,
        c.0,
        y.0 - c.0,
        y.1,
        c.1,
        y.1 - c.1,
        y.2,
        c.2,
        y.2 - c.2
    );
    for (culture, what, together) in [
        (true, "Culture", a.together.0),
        (false, "Product success", a.together.1),
    ] {
        let _ = write!(
            s,
            "<h3>{what}</h3><table><tr><th>Points</th><th>Your decisions</th><th>How</th></tr>"
        );
        for l in a.moved(culture, 0.1).into_iter().take(8) {
            let pts = if culture { l.culture } else { l.product };
            let class = if pts >= 0.0 { "up" } else { "down" };
            let _ = write!(
                s,
                "<tr><td class=\"{class}\">{pts:+.1}</td><td>{}</td><td>{}</td></tr>",
                esc(&l.title()),
                esc(&l.mechanism)
            );
        }
        if together.abs() >= 0.1 {
            let _ = write!(
                s,
                "<tr><td>{together:+.1}</td><td>Your decisions together</td><td>overlap (several decisions rescuing the same outcome), or decisions that only work together</td></tr>"
            );
        }
        s.push_str("</table>");
    }
    if !a.alternatives.is_empty() {
        s.push_str("<h3>What complying cost</h3><p>Your game against the same game with those demands shielded.</p><table><tr><th>Culture</th><th>Product</th><th>Your decisions</th><th>How</th></tr>");
        for l in &a.alternatives {
            let _ = write!(
                s,
                "<tr><td>{:+.1}</td><td>{:+.1}</td><td>{}</td><td>{}</td></tr>",
                l.culture,
                l.product,
                esc(&l.title()),
                esc(&l.mechanism)
            );
        }
        s.push_str("</table>");
    }
    if !a.situation.is_empty() {
        let _ = write!(
            s,
            "<p><b>The situation</b> (what moved in the caretaker's game; on culture the caretaker scores 50 by definition, so this is what you were measured against): {}</p>",
            esc(&a.situation.join("; "))
        );
    }
}

/// A summary line as Markdown: indented lines become list items, headings bold.
/// The leadership profile as an HTML section.
fn html_profile(s: &mut String, p: &profile::Profile) {
    s.push_str(
        "<h2>Your leadership profile</h2><p>How you led, by the four things leaders of empowered \
         teams do, against the servant line in the same world.</p><table><tr><th></th>\
         <th>You</th><th>Servant line</th><th>Feedback</th></tr>",
    );
    for a in &p.axes {
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td></tr>",
            a.axis.label(),
            a.yours,
            a.servant,
            esc(&a.feedback),
            if a.behind.is_empty() {
                String::new()
            } else {
                format!(" ({})", esc(&a.behind))
            }
        );
    }
    s.push_str("</table><ul>");
    for t in &p.traits {
        let _ = write!(s, "<li>{}</li>", esc(t));
    }
    s.push_str("</ul>");
}

fn markdown_line(l: &str) -> String {
    match l.strip_prefix("  ") {
        Some(item) => format!("- {}", item.trim_start()),
        None if l.ends_with(':') => format!("\n**{l}**\n"),
        None => format!("{l}\n"),
    }
}

fn esc(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An SVG line chart of culture and product by week.
pub fn svg_scores(run: &RunReport) -> String {
    let (w, h, pad) = (640.0, 240.0, 32.0);
    let weeks = played(run);
    let n = weeks.len().max(2) as f64 - 1.0;
    let x = |i: usize| pad + (w - 2.0 * pad) * i as f64 / n;
    let y = |v: f64| h - pad - (h - 2.0 * pad) * v.clamp(0.0, 100.0) / 100.0;
    let line = |f: fn(&WeekScores) -> f64| {
        weeks
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{:.1},{:.1}", x(i), y(f(s))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!(
        r##"<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="Culture and product by week">
<rect x="{pad}" y="{pad}" width="{iw}" height="{ih}" fill="#f7f7f7"/>
<line x1="{pad}" y1="{mid}" x2="{xr}" y2="{mid}" stroke="#bbb" stroke-dasharray="4"/>
<polyline fill="none" stroke="#0072B2" stroke-width="2.5" points="{c}"/>
<polyline fill="none" stroke="#E69F00" stroke-width="2.5" points="{p}"/>
<text x="{pad}" y="20" font-size="13" fill="#0072B2">Culture</text><text x="{px}" y="20" font-size="13" fill="#E69F00">Product</text>
<text x="4" y="{y100}" font-size="11">100</text><text x="10" y="{y0}" font-size="11">0</text>
<text x="{xr}" y="{yb}" font-size="11" text-anchor="end">week {last} (epilogue included)</text>
</svg>"##,
        iw = w - 2.0 * pad,
        ih = h - 2.0 * pad,
        mid = y(50.0),
        xr = w - pad,
        c = line(|s| s.culture),
        p = line(|s| s.product),
        px = pad + 80.0,
        y100 = y(100.0) + 4.0,
        y0 = y(0.0),
        yb = h - 8.0,
        last = weeks.last().map(|s| s.week).unwrap_or(0),
    )
}

/// An SVG of the culture × product 2×2 with the weekly path.
pub fn svg_quadrant(run: &RunReport) -> String {
    let (s, pad) = (300.0, 30.0);
    let at = |c: f64, p: f64| {
        (
            pad + (s - 2.0 * pad) * c.clamp(0.0, 100.0) / 100.0,
            s - pad - (s - 2.0 * pad) * p.clamp(0.0, 100.0) / 100.0,
        )
    };
    let pts: Vec<String> = played(run)
        .iter()
        .map(|w| {
            let (x, y) = at(w.culture, w.product);
            format!("{x:.1},{y:.1}")
        })
        .collect();
    let (fx, fy) = at(run.culture, run.product);
    let (mx, my) = at(50.0, 50.0);
    format!(
        r##"<svg class="quadrant" viewBox="0 0 {s} {s}" width="{s}" height="{s}" role="img" aria-label="Culture by product quadrant with the path of the run">
<rect x="{pad}" y="{pad}" width="{i}" height="{i}" fill="#f7f7f7"/>
<line x1="{mx}" y1="{pad}" x2="{mx}" y2="{b}" stroke="#999"/><line x1="{pad}" y1="{my}" x2="{b}" y2="{my}" stroke="#999"/>
<text x="{q1}" y="{t}" font-size="11" text-anchor="middle">Death march</text><text x="{q2}" y="{t}" font-size="11" text-anchor="middle">High performance</text>
<text x="{q1}" y="{bt}" font-size="11" text-anchor="middle">Stagnation</text><text x="{q2}" y="{bt}" font-size="11" text-anchor="middle">Country club</text>
<polyline fill="none" stroke="#0072B2" stroke-width="2" points="{path}"/>
<circle cx="{fx:.1}" cy="{fy:.1}" r="6" fill="#E69F00"><title>final: culture {c:.1}, product {p:.1}</title></circle>
<text x="{mx}" y="{sb}" font-size="11" text-anchor="middle">culture →</text>
</svg>"##,
        i = s - 2.0 * pad,
        b = s - pad,
        t = pad + 14.0,
        bt = s - pad - 6.0,
        q1 = pad + (s - 2.0 * pad) * 0.25,
        q2 = pad + (s - 2.0 * pad) * 0.75,
        sb = s - 8.0,
        path = pts.join(" "),
        c = run.culture,
        p = run.product,
    )
}

/// The report as one self-contained HTML page.
pub fn html(data: &ReportData) -> String {
    let r = data.run;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Debrief: {title}</title>
<style>
body {{ font-family: sans-serif; max-width: 980px; margin: 2em auto; color: #222; line-height: 1.45; }}
h1 {{ margin-bottom: 0; }} .meta {{ color: #666; }}
.scores span {{ display: inline-block; margin-right: 2em; font-size: 1.4em; }}
.culture {{ color: #0072B2; }} .product {{ color: #B07A00; }}
table {{ border-collapse: collapse; margin: .5em 0 1em; }} td, th {{ border-bottom: 1px solid #ddd; padding: 2px 10px; text-align: left; }}
.up {{ color: #0072B2; }} .down {{ color: #D55E00; }}
.charts {{ display: flex; gap: 2em; flex-wrap: wrap; align-items: flex-start; }}
</style></head><body>
<h1>Debrief: {title}</h1>
<p class="meta">Seed {seed} · {weeks} weeks · decided by {policy} · scenario hash {hash} · Orgcraft {version}, model version {model}</p>
<h2>Scores</h2>
<p class="scores"><span class="culture">Culture <b>{c:.1}</b></span><span class="product">Product success <b>{p:.1}</b></span><span>Combined <b>{comb:.1}</b> · {quad}</span></p>
<div class="charts">{chart}{quadrant}</div>
"#,
        title = esc(&data.scenario.raw.title),
        seed = data.log.seed,
        weeks = r.weeks,
        policy = esc(&data.log.policy),
        hash = esc(&data.log.scenario_hash),
        version = esc(&r.version),
        model = r.model_version,
        c = r.culture,
        p = r.product,
        comb = r.combined,
        quad = esc(&r.debrief.quadrant),
        chart = svg_scores(r),
        quadrant = svg_quadrant(r),
    );
    if let Some(last) = r.history.last() {
        s.push_str("<h2>Sub-scores</h2><table><tr><th>Sub-score</th><th>Value</th></tr>");
        for (name, v) in last.subscores() {
            let _ = write!(
                s,
                "<tr><td>{}</td><td>{v:.1}</td></tr>",
                esc(crate::score::subscore_label(name))
            );
        }
        s.push_str("</table>");
    }
    if let Some(a) = &r.debrief.by_decisions {
        html_by_decisions(&mut s, a);
    }
    s.push_str("<h2>What moved the scores (the mechanisms)</h2>");
    for (title, list, class) in [
        ("Culture up", &r.debrief.culture_up, "up"),
        ("Culture down", &r.debrief.culture_down, "down"),
        ("Product up", &r.debrief.product_up, "up"),
        ("Product down", &r.debrief.product_down, "down"),
    ] {
        let _ = write!(s, "<h3>{title}</h3><ul class=\"{class}\">");
        for c in list {
            let _ = write!(s, "<li>{}</li>", esc(&c.sentence));
        }
        s.push_str("</ul>");
    }
    s.push_str("<h2>Dominant feedback loops</h2><ul>");
    for (l, pts) in dominant_loops(r) {
        let _ = write!(
            s,
            "<li><b>{}</b> ({pts:.1} points among the top causes): {}</li>",
            esc(&capitalise(l.name())),
            esc(l.explanation())
        );
    }
    s.push_str("</ul>");
    html_profile(&mut s, &profile::profile(data.scenario, data.log));
    s.push_str("<h2>Key decisions</h2><table><tr><th>Week</th><th>Decisions</th></tr>");
    for (week, decided) in described_decisions(data.scenario, data.log) {
        let _ = write!(
            s,
            "<tr><td>{week}</td><td>{}</td></tr>",
            esc(&decided.join("; "))
        );
    }
    s.push_str("</table>");
    if let Some(l) = data.luck {
        let _ = write!(
            s,
            "<h2>Luck and skill</h2><p>Your decisions score in the <b>{:.0}th percentile</b> of their own luck: on {} other seeds they scored {:.1}–{:.1} (p10–p90).</p><table><tr><th>Bot</th><th>Median</th><th>You beat</th></tr>",
            l.percentile, l.seeds, l.spread.p10, l.spread.p90
        );
        for (name, sp, beat) in &l.bots {
            let _ = write!(
                s,
                "<tr><td>{}</td><td>{:.1}</td><td>{beat:.0}%</td></tr>",
                esc(name),
                sp.p50
            );
        }
        s.push_str("</table>");
    }
    s.push_str("<h2>Questions for the debrief</h2><ol>");
    for q in questions(data) {
        let _ = write!(s, "<li>{}</li>", esc(&q));
    }
    s.push_str("</ol></body></html>\n");
    s
}

/// Writes `DIR/index.html` and `DIR/report.md`.
pub fn write(data: &ReportData, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("index.html"), html(data))?;
    std::fs::write(dir.join("report.md"), markdown(data))
}
pub mod profile;
pub mod session;
