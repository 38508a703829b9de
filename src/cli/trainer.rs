//! The trainer's commands: `validate`, `check` and `balance`.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::headless::{self, POLICY_NAMES};
use crate::scenario::{self, Severity};

use super::*;

pub fn validate(paths: &[PathBuf], json: bool) -> ExitCode {
    let mut all = Vec::new();
    let mut ok = true;
    for p in &expand(paths) {
        match load_checked(p) {
            Ok(sc) => {
                if !json {
                    eprintln!(
                        "{}: ok ({} warning{})",
                        p.display(),
                        sc.warnings.len(),
                        if sc.warnings.len() == 1 { "" } else { "s" }
                    );
                }
                all.extend(sc.warnings);
            }
            Err(diags) => {
                ok &= !diags.iter().any(|d| d.severity == Severity::Error);
                all.extend(diags);
            }
        }
    }
    if json {
        out(&serde_json::json!({ "valid": ok, "diagnostics": all }).to_string());
    } else {
        for d in &all {
            eprintln!("{d}");
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

pub fn balance(
    path: &std::path::Path,
    runs: u32,
    policies: Option<Vec<String>>,
    seed: Option<u64>,
    json: bool,
) -> ExitCode {
    use crate::headless::balance::{self, DEFAULT_POLICIES};
    if runs == 0 || runs > 1_000_000 {
        eprintln!("orgcraft: --runs {runs} is out of range 1..=1000000");
        return ExitCode::from(2);
    }
    let policies: Vec<String> = policies
        .unwrap_or_else(|| DEFAULT_POLICIES.iter().map(|s| s.to_string()).collect())
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if let Some(bad) = policies
        .iter()
        .find(|p| headless::policy_by_name(p).is_none())
    {
        eprintln!(
            "orgcraft: unknown policy \"{bad}\"; choose from: {}",
            POLICY_NAMES.join(", ")
        );
        return ExitCode::from(2);
    }
    if policies.is_empty() {
        eprintln!("orgcraft: --policies is empty");
        return ExitCode::from(2);
    }
    let Some(sc) = load_or_report(path) else {
        return ExitCode::from(1);
    };
    let seed = seed.unwrap_or(sc.raw.seed);
    let total = u64::from(runs) * policies.len() as u64;
    // The bar draws on stderr and hides itself when stderr is not a terminal.
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {wide_bar} {pos}/{len} runs  {per_sec}  eta {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let started = std::time::Instant::now();
    let tick = || bar.inc(1);
    let report = match balance::balance(&sc, runs, &policies, seed, &tick) {
        Ok(r) => r,
        Err(e) => {
            bar.finish_and_clear();
            eprintln!("orgcraft: {e}");
            return ExitCode::from(2);
        }
    };
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    if json {
        let mut v = serde_json::to_value(&report).unwrap_or_default();
        v["seconds"] = serde_json::json!(secs);
        out(&v.to_string());
    } else {
        out(&format!(
            "{}: {} runs per policy, seeds {}..{} ({total} runs in {secs:.1} s)",
            sc.raw.title,
            runs,
            seed,
            seed.wrapping_add(u64::from(runs) - 1)
        ));
        out(&format!(
            "  {:<10} {:>17} {:>17} {:>17}",
            "policy", "culture p10/50/90", "product p10/50/90", "combined p10/50/90"
        ));
        for p in &report.policies {
            let f = |s: headless::Spread| format!("{:>5.1} {:>5.1} {:>5.1}", s.p10, s.p50, s.p90);
            out(&format!(
                "  {:<10} {:>17} {:>17} {:>17}",
                p.policy,
                f(p.culture),
                f(p.product),
                f(p.combined)
            ));
        }
        if report.findings.is_empty() {
            out("  findings: none");
        } else {
            out("  findings:");
            for f in &report.findings {
                out(&format!("    {}: {}", f.kind.label(), f.message));
            }
        }
    }
    if report.findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// One initiative's weeks over a plan's seeds, for `check`.
pub fn initiative_line(it: &headless::plans::InitiativeWeeks) -> String {
    let share = |s: f64| format!("{:.0} % of seeds", s * 100.0);
    let week = |w: Option<f64>| w.map_or(String::new(), |w| format!(", median week {w}"));
    let mut line = format!("\"{}\"", it.name);
    if let Some(d) = it.deadline_week {
        line.push_str(&format!(" (date: week {d})"));
    }
    if it.shipped_share > 0.0 {
        line.push_str(&format!(
            ": shipped in {}{}",
            share(it.shipped_share),
            week(it.shipped_median_week)
        ));
    } else {
        line.push_str(": not shipped");
    }
    if it.missed_share > 0.0 {
        line.push_str(&format!(
            "; missed its date in {}{}",
            share(it.missed_share),
            week(it.missed_median_week)
        ));
    }
    line
}

pub fn check(paths: &[PathBuf], seeds: Option<u32>, json: bool) -> ExitCode {
    if seeds.is_some_and(|n| n == 0 || n > 1_000) {
        eprintln!("orgcraft: --seeds must be in 1..=1000");
        return ExitCode::from(2);
    }
    let mut all_pass = true;
    let mut json_out = Vec::new();
    for path in &expand(paths) {
        let Some(sc) = load_or_report(path) else {
            all_pass = false;
            continue;
        };
        // `--seeds` replaces each plan's own seeds: the file's work limit applies to it too.
        if let Some(n) = seeds {
            let work = headless::plans::work(&sc, Some(n));
            if work > scenario::limits::MAX_PLAN_WORK {
                eprintln!(
                    "orgcraft: --seeds {n} asks {} for {work} person-weeks of simulation (seeds × weeks × people, summed over plans); the limit is {}",
                    path.display(),
                    scenario::limits::MAX_PLAN_WORK
                );
                return ExitCode::from(2);
            }
        }
        let results = headless::plans::check(&sc, seeds);
        if results.is_empty() {
            eprintln!(
                "{}: no plans (add `plans: [...]`, see scenarios/README.md)",
                path.display()
            );
            all_pass = false;
        }
        all_pass &= results.iter().all(|r| r.pass);
        if json {
            json_out.push(serde_json::json!({
                "scenario": path.display().to_string(),
                "plans": results,
            }));
            continue;
        }
        out(&format!("{} ({})", sc.raw.title, path.display()));
        for r in &results {
            let s = |x: headless::Spread| format!("{:.1} [{:.1}–{:.1}]", x.p50, x.p10, x.p90);
            out(&format!(
                "  {} {} ({} seed{}, {}): culture {}, product {}, combined {}",
                if r.pass { "PASS" } else { "FAIL" },
                r.name,
                r.seeds.len(),
                if r.seeds.len() == 1 { "" } else { "s" },
                r.policy,
                s(r.culture),
                s(r.product),
                s(r.combined)
            ));
            for ev in &r.events {
                let when = ev
                    .median_week
                    .map_or(String::new(), |w| format!(", median week {w}"));
                out(&format!(
                    "       expected event {}: {:.0} % of seeds{when}",
                    ev.text,
                    ev.share * 100.0
                ));
            }
            for it in &r.initiatives {
                out(&format!("       {}", initiative_line(it)));
            }
            for (w, a, why) in &r.refused_steps {
                out(&format!("       note: week {w} {a} was refused: {why}"));
            }
            for f in &r.failures {
                out(&format!("       fail: {f}"));
            }
        }
    }
    if json {
        out(&serde_json::Value::Array(json_out).to_string());
    }
    if all_pass {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
