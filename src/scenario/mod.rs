//! Scenario content: load a RON file, check it, and resolve string ids into typed ids.
//!
//! Bad input is normal input: every problem becomes a `Diagnostic` naming the file, line:column
//! and field path, with a hint; loading never panics on content.

mod checks;
pub mod expect;
pub mod input;
pub mod locate;
mod messages;
mod plans;
mod ranges;
pub mod raw;
pub mod recover;
pub mod reference;
mod resolve;

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::Serialize;

use crate::model::{InitiativeId, PersonId, ProductId, StakeholderId, TeamId};
pub(crate) use checks::*;
pub(crate) use messages::*;
pub(crate) use plans::*;
pub use ranges::*;
pub use raw::*;
pub(crate) use resolve::*;

/// The bots a test plan may name (`policy: "servant"`); `headless::policy_by_name` builds them.
/// Defined here, with the rest of the file's vocabulary, so content does not depend on runners.
pub const POLICY_NAMES: [&str; 7] = [
    "passive",
    "yes-man",
    "crunch",
    "hire-fast",
    "servant",
    "random",
    "caretaker",
];

/// Limits that keep a hostile file harmless.
pub mod limits {
    pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
    pub const MAX_WEEKS: u32 = 104;
    pub const MAX_TEAMS: usize = 50;
    pub const MAX_PEOPLE: usize = 2_000;
    pub const MAX_INITIATIVES: usize = 500;
    pub const MAX_STAKEHOLDERS: usize = 30;
    pub const MAX_PRODUCTS: usize = 10;
    pub const MAX_EVENTS: usize = 500;
    pub const MAX_DEPS: usize = 20;
    /// Test plans in one file.
    pub const MAX_PLANS: usize = 20;
    /// Scripted steps in one plan.
    pub const MAX_STEPS: usize = 500;
    /// Seeds one plan may ask for.
    pub const MAX_PLAN_SEEDS: u32 = 1_000;
    /// What `check` may be asked to simulate for one file: the sum over its plans of seeds ×
    /// weeks × people (about a minute on one core of the 2-core build machine).
    pub const MAX_PLAN_WORK: u64 = 1_000_000;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in a scenario file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub severity: Severity,
    /// Field path, e.g. `teams[2].members[0].skills.craft` (empty for file-level problems).
    pub path: String,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}:{}:{}: {sev}: ", self.file, self.line, self.col)?;
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        write!(f, "{}", self.message)?;
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

/// A resolved team.
#[derive(Clone, Debug)]
pub struct TeamDef {
    pub id: TeamId,
    pub raw: RawTeam,
    pub service_share: f64,
    pub assimilation_tau: f64,
}

#[derive(Clone, Debug)]
pub struct PersonDef {
    pub id: PersonId,
    pub team: TeamId,
    pub raw: RawPerson,
    pub skills: RawSkills,
    pub salary_week: f64,
}

#[derive(Clone, Debug)]
pub struct DepDef {
    pub provider: TeamId,
    pub work: f64,
    pub distributed: bool,
}

#[derive(Clone, Debug)]
pub struct InitiativeDef {
    pub id: InitiativeId,
    pub team: TeamId,
    pub product: ProductId,
    pub sponsor: Option<StakeholderId>,
    pub deps: Vec<DepDef>,
    pub raw: RawInitiative,
}

#[derive(Clone, Debug)]
pub enum EventKind {
    Demand {
        from: StakeholderId,
        kind: DemandKind,
        team: TeamId,
        intensity: f64,
    },
    BudgetCut {
        fraction: f64,
    },
    MarketShock {
        value_fit: f64,
    },
    Resignation {
        person: PersonId,
    },
    MarketHeat {
        heat: f64,
    },
}

#[derive(Clone, Debug)]
pub struct ScriptedEvent {
    /// Position in the file's `scripted_events` (for findings that name the event).
    pub index: usize,
    pub week: u32,
    pub kind: EventKind,
}

/// A resolved test plan: its scripted actions carry typed ids.
#[derive(Clone, Debug)]
pub struct PlanDef {
    pub name: String,
    pub description: String,
    pub policy: String,
    pub respond: Option<crate::model::action::Response>,
    /// (week, action), in file order.
    pub steps: Vec<(u32, crate::model::action::Action)>,
    pub seeds: u32,
    pub expect: RawExpect,
    /// `expect.events`, resolved: what must happen and to whom.
    pub events: Vec<expect::ExpectedEvent>,
}

#[derive(Clone, Debug)]
pub struct ObjectiveDef {
    pub metric: Metric,
    pub product: ProductId,
    pub baseline: Option<f64>,
    pub target: f64,
    pub weight: f64,
}

/// Parses one action written in RON, with the scenario's names for ids:
/// `OneOnOne(person: "ana")`. Errors read like ron's, with the nearest name where one is close.
pub fn parse_action(sc: &Scenario, text: &str) -> Result<crate::model::action::Action, String> {
    let opts = ron::Options::default()
        .with_recursion_limit(32)
        .with_default_extension(ron::extensions::Extensions::UNWRAP_NEWTYPES);
    crate::model::names::with_names(sc.names.clone(), || {
        opts.from_str::<crate::model::action::Action>(text)
    })
    .map_err(|e| format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code))
}

/// A scenario ready to spawn: ids resolved, ranges checked.
#[derive(Clone, Debug)]
pub struct Scenario {
    pub file: String,
    /// FNV-1a hash of the file's bytes: recorded in logs and reports.
    pub content_hash: u64,
    pub raw: RawScenario,
    /// Field path → line:column in the file (empty for scenarios built in code), for findings
    /// made after loading (`headless::lint`).
    pub positions: locate::Positions,
    pub teams: Vec<TeamDef>,
    pub people: Vec<PersonDef>,
    pub initiatives: Vec<InitiativeDef>,
    pub events: Vec<ScriptedEvent>,
    pub objectives: Vec<ObjectiveDef>,
    pub plans: Vec<PlanDef>,
    pub stakeholder_keys: Vec<String>,
    /// Scenario ids → numeric ids, for actions written with names (plans, `whatif --add`).
    pub names: crate::model::names::NameTable,
    pub warnings: Vec<Diagnostic>,
}

impl Scenario {
    pub fn weeks(&self) -> u32 {
        self.raw.weeks
    }
}

/// FNV-1a 64: a stable content hash (never std's `DefaultHasher`, which is not stable).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn file_error(file: &str, message: impl Into<String>, hint: Option<&str>) -> Vec<Diagnostic> {
    vec![Diagnostic {
        file: file.to_string(),
        line: 1,
        col: 1,
        severity: Severity::Error,
        path: String::new(),
        message: message.into(),
        hint: hint.map(str::to_string),
    }]
}

/// Reads a scenario file's bytes: a regular file within the size limit (`input::read_limited`).
pub fn read_source(path: &Path) -> Result<Vec<u8>, input::ReadError> {
    input::read_limited(path, limits::MAX_FILE_BYTES)
}

/// Reads and resolves a scenario file. Errors are every problem found, not just the first.
pub fn load(path: &Path) -> Result<Scenario, Vec<Diagnostic>> {
    let file = path.display().to_string();
    let bytes = read_source(path)
        .map_err(|e| sanitized(file_error(&file, e.message, e.hint.as_deref())))?;
    parse(&file, &bytes)
}

/// Parses scenario bytes (the file name is only used in messages).
///
/// Every string from the file that a diagnostic echoes is escaped (`input::escape`), so one
/// diagnostic is always one line, in text and in JSON.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Scenario, Vec<Diagnostic>> {
    // "Did you mean" hints share a bounded budget per file: 10 million edit-distance cells, a
    // few milliseconds in a release build; an ordinary file with a dozen typos uses under 1 %.
    let parsed =
        crate::model::names::with_suggestion_budget(10_000_000, || parse_unsanitized(file, bytes));
    match parsed {
        Ok(mut sc) => {
            sc.warnings = sanitized(std::mem::take(&mut sc.warnings));
            Ok(sc)
        }
        Err(d) => Err(sanitized(d)),
    }
}

/// Escapes every field of every diagnostic (see `input::escape`).
fn sanitized(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let clean = |s: &str| input::escape(s).into_owned();
    diagnostics
        .into_iter()
        .map(|d| Diagnostic {
            file: clean(&d.file),
            path: clean(&d.path),
            message: clean(&d.message),
            hint: d.hint.as_deref().map(clean),
            ..d
        })
        .collect()
}

fn parse_unsanitized(file: &str, bytes: &[u8]) -> Result<Scenario, Vec<Diagnostic>> {
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        return Err(file_error(
            file,
            format!("input is larger than {} bytes", limits::MAX_FILE_BYTES),
            None,
        ));
    }
    if let Some(enc) = input::wide_encoding(bytes) {
        return Err(file_error(
            file,
            format!("file is {} text; scenarios are read as UTF-8", enc.name()),
            Some("save the file as UTF-8 (in Notepad: Save as, Encoding: UTF-8)"),
        ));
    }
    let bytes = input::strip_bom(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(file_error(
            file,
            "file is empty",
            Some("start from the minimal scenario in scenarios/README.md"),
        ));
    }
    if bytes.contains(&0) {
        return Err(file_error(
            file,
            "file is binary (contains NUL bytes), not RON text",
            None,
        ));
    }
    let src = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let col = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            return Err(vec![Diagnostic {
                file: file.to_string(),
                line,
                col,
                severity: Severity::Error,
                path: String::new(),
                message: "file is not valid UTF-8 text".into(),
                hint: Some("save the file as UTF-8".into()),
            }]);
        }
    };
    let (positions, structure) = locate::scan(src);
    if let Some(problem) = structure {
        return Err(vec![structure_error(file, &positions, &problem)]);
    }
    // Implicit `Some`: trainers write `deadline_week: 12`, not `deadline_week: Some(12)`.
    let opts = ron::Options::default()
        .with_recursion_limit(locate::MAX_NESTING + 8)
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    // Parse, and after each field-level error patch the text and parse again (`recover`), so
    // every unknown field, wrong type and misspelt variant is reported in one go.
    let mut chars: Vec<char> = src.chars().collect();
    let mut syntax: Vec<Diagnostic> = Vec::new();
    // Paths whose value was patched: later semantic errors there would only echo the patch.
    let mut patched: Vec<String> = Vec::new();
    // Patches that made a line longer: (line, column after the patch, extra characters), so
    // positions RON reports in the patched text map back to the trainer's file.
    let mut shifts: Vec<(usize, usize, usize)> = Vec::new();
    let mut last_pos = (0, 0);
    let raw: Option<RawScenario> = loop {
        let text: String = chars.iter().collect();
        let e = match opts.from_str::<RawScenario>(&text) {
            Ok(r) => break Some(r),
            Err(e) => e,
        };
        // ron often reports the blank before a value; point at the value itself.
        let patched_pos = recover::skip_blanks(&chars, (e.span.start.line, e.span.start.col));
        let pos = recover::unshift(&shifts, patched_pos);
        let at = recover::index_of(&chars, patched_pos.0, patched_pos.1);
        let (mut message, mut hint) = describe(&e.code);
        let mut path = positions.path_at(pos);
        let mut shown = pos;
        // A missing field is reported where its struct closes: name the struct that lacks it.
        if matches!(e.code, ron::Error::MissingStructField { .. })
            && let Some((struct_path, opened)) = positions.struct_at(pos)
        {
            path = struct_path;
            shown = opened;
        }
        // `weeks: 12.0` in a whole-number field: ron stops at the `.` asking for a comma.
        let decimal = matches!(e.code, ron::Error::ExpectedComma)
            && at.is_some_and(|i| recover::is_decimal_point(&chars, i));
        if decimal {
            message = "expected a whole number, found a decimal".into();
            hint = Some("drop the decimal part, e.g. 12 instead of 12.0".into());
        }
        // `wekes: 12` was reported with "did you mean weeks?"; that `weeks` is then missing
        // says the same thing again.
        if let ron::Error::MissingStructField { field, .. } = &e.code {
            let suggestion = format!("did you mean \"{field}\"?");
            if syntax.iter().any(|d| {
                d.message.starts_with("unknown field") && d.hint.as_deref() == Some(&suggestion)
            }) {
                break None;
            }
        }
        syntax.push(Diagnostic {
            file: file.to_string(),
            line: shown.0,
            col: shown.1,
            severity: Severity::Error,
            path: path.clone(),
            message,
            hint,
        });
        // Give up on syntax errors, on no progress, and after a bounded number of patches.
        if patched_pos <= last_pos || syntax.len() >= 50 {
            break None;
        }
        last_pos = patched_pos;
        let fixed = at.and_then(|i| recover::patch(&mut chars, i, &e.code, decimal));
        match fixed {
            Some(extra) => {
                if extra > 0 {
                    shifts.push((patched_pos.0, patched_pos.1, extra));
                }
            }
            None => break None,
        }
        patched.push(path);
    };
    let Some(raw) = raw else {
        syntax.sort_by_key(|d| (d.line, d.col));
        return Err(syntax);
    };
    let resolved = resolve(file, src, raw, &positions, true);
    if syntax.is_empty() {
        return resolved;
    }
    // Add what the semantic checks found elsewhere in the patched file.
    let semantic = match resolved {
        Ok(sc) => sc.warnings,
        Err(d) => d,
    };
    syntax.extend(semantic.into_iter().filter(|d| {
        !patched
            .iter()
            .any(|p| !p.is_empty() && (d.path == *p || d.path.starts_with(&format!("{p}."))))
    }));
    syntax.sort_by_key(|d| (d.line, d.col));
    Err(syntax)
}

/// Resolves a scenario built in code (generated orgs for benchmarks and tests).
///
/// `enforce_limits = false` lifts the size limits that protect against hostile files, so a
/// benchmark can build a 5,000-person org; every other check still applies.
pub fn from_raw(
    name: &str,
    raw: RawScenario,
    enforce_limits: bool,
) -> Result<Scenario, Vec<Diagnostic>> {
    let src = ron::ser::to_string(&raw).unwrap_or_default();
    resolve(
        name,
        &src,
        raw,
        &locate::Positions::default(),
        enforce_limits,
    )
}

pub use crate::model::names::nearest;
