//! Resolving a parsed file: string ids become typed ids, ranges and references are checked, and every problem is collected with its field path.

use super::*;

pub(crate) struct Checker<'a> {
    pub(crate) file: &'a str,
    pub(crate) src: &'a str,
    pub(crate) positions: &'a locate::Positions,
    pub(crate) out: Vec<Diagnostic>,
}

impl Checker<'_> {
    pub(crate) fn push(
        &mut self,
        severity: Severity,
        path: &str,
        message: String,
        hint: Option<String>,
    ) {
        let (line, col) = locate::position_of(self.positions, path);
        self.out.push(Diagnostic {
            file: self.file.into(),
            line,
            col,
            severity,
            path: path.into(),
            message,
            hint,
        });
    }
    pub(crate) fn error(&mut self, path: &str, message: impl Into<String>, hint: Option<String>) {
        self.push(Severity::Error, path, message.into(), hint);
    }
    pub(crate) fn warn(&mut self, path: &str, message: impl Into<String>, hint: Option<String>) {
        self.push(Severity::Warning, path, message.into(), hint);
    }
    pub(crate) fn range(&mut self, path: &str, v: f64, lo: f64, hi: f64) {
        if !v.is_finite() || v < lo || v > hi {
            let v = input::number(v);
            self.error(path, format!("value {v} is out of range {lo}..={hi}"), None);
        }
    }
    /// A week number that must fall inside the scenario (1..=weeks). Unchecked while `weeks`
    /// itself is wrong (0, too many, or not a number and patched to 0 to read on): that has its
    /// own error, and every week in the file measured against it would only repeat it (a
    /// misspelt `weeks: "twenty"` in `pmo_gantt` gave 12 such errors besides the real one).
    pub(crate) fn week(&mut self, path: &str, week: u32, weeks: u32) {
        if weeks == 0 || weeks > limits::MAX_WEEKS {
            return;
        }
        if week == 0 || week > weeks {
            self.error(
                path,
                format!("week {week} is outside the scenario (1..={weeks})"),
                None,
            );
        }
    }
    pub(crate) fn count(&mut self, path: &str, n: usize, max: usize) {
        if n > max {
            self.error(
                path,
                format!("{n} entries; the limit is {max}"),
                Some("limits keep scenarios playable".into()),
            );
        }
    }
}

pub(crate) fn index_of(keys: &BTreeMap<String, u32>, key: &str) -> Option<u32> {
    keys.get(key).copied()
}

pub(crate) fn resolve(
    file: &str,
    src: &str,
    raw: RawScenario,
    positions: &locate::Positions,
    enforce_limits: bool,
) -> Result<Scenario, Vec<Diagnostic>> {
    let mut c = Checker {
        file,
        src,
        positions,
        out: Vec::new(),
    };
    if raw.weeks == 0 || raw.weeks > limits::MAX_WEEKS {
        c.error(
            "weeks",
            format!(
                "value {} is out of range 1..={}",
                raw.weeks,
                limits::MAX_WEEKS
            ),
            None,
        );
    }
    if raw.id.trim().is_empty() {
        c.error("id", "id must not be empty", None);
    }
    if raw.title.trim().is_empty() {
        c.error("title", "title must not be empty", None);
    }
    if !(1..=5).contains(&raw.difficulty) {
        c.error(
            "difficulty",
            format!("value {} is out of range 1..=5", raw.difficulty),
            None,
        );
    }
    check_params(&mut c, &raw.params);
    c.range(
        "leader.political_capital",
        raw.leader.political_capital,
        0.0,
        100.0,
    );
    if let Some(ap) = raw.leader.ap_per_week {
        c.range("leader.ap_per_week", ap, 1.0, 40.0);
    }
    check_skills(&mut c, "leader.skills", &raw.leader.skills);
    c.range("budget.quarter_total", raw.budget.quarter_total, 0.0, 1e10);
    c.range("budget.tooling", raw.budget.tooling, 0.0, 1e9);
    c.range("budget.training", raw.budget.training, 0.0, 1e9);
    c.range("budget.discovery", raw.budget.discovery, 0.0, 1e9);
    c.range(
        "budget.revenue_plan_week",
        raw.budget.revenue_plan_week,
        0.0,
        1e10,
    );
    c.range("market.heat", raw.market.heat, 0.5, 2.0);
    c.range("market.shock_rate", raw.market.shock_rate, 0.0, 1.0);
    let scale = if enforce_limits { 1 } else { 1000 };
    let before_counts = c.out.len();
    c.count("products", raw.products.len(), limits::MAX_PRODUCTS * scale);
    c.count("teams", raw.teams.len(), limits::MAX_TEAMS * scale);
    c.count(
        "initiatives",
        raw.initiatives.len(),
        limits::MAX_INITIATIVES * scale,
    );
    c.count(
        "stakeholders",
        raw.stakeholders.len(),
        limits::MAX_STAKEHOLDERS * scale,
    );
    c.count(
        "scripted_events",
        raw.scripted_events.len(),
        limits::MAX_EVENTS * scale,
    );
    let people_total: usize = raw.teams.iter().map(|t| t.members.len()).sum();
    if people_total > limits::MAX_PEOPLE * scale {
        c.error(
            "teams",
            format!(
                "{people_total} people in all teams; the limit is {}",
                limits::MAX_PEOPLE * scale
            ),
            Some("limits keep scenarios playable".into()),
        );
    }
    count_plan_work(&mut c, &raw, people_total);
    // Past a limit the rest is not checked: the checks below are sized for playable files.
    if enforce_limits && c.out.len() > before_counts {
        return Err(c.out);
    }
    check_strings(&mut c, &raw);
    if raw.products.is_empty() {
        c.error(
            "products",
            "a scenario needs at least one product",
            Some("add products: [ (id: \"app\", ...) ]".into()),
        );
    }
    if raw.teams.is_empty() {
        c.error("teams", "a scenario needs at least one team", None);
    }
    if !c
        .out
        .iter()
        .any(|d| d.severity == Severity::Error && d.message.contains("the limit is"))
    {
        // Only index when the counts are sane.
    } else {
        return Err(c.out);
    }

    // Ids.
    let keys = |what: &str, ids: Vec<&str>, c: &mut Checker| -> BTreeMap<String, u32> {
        let mut m = BTreeMap::new();
        for (i, id) in ids.iter().enumerate() {
            let path = format!("{what}[{i}].id");
            if id.trim().is_empty() {
                c.error(&path, "id must not be empty", None);
            } else if m.insert(id.to_string(), i as u32).is_some() {
                c.error(
                    &path,
                    format!("duplicate id \"{id}\""),
                    Some("ids must be unique within their list".into()),
                );
            }
        }
        m
    };
    let product_keys = keys(
        "products",
        raw.products.iter().map(|p| p.id.as_str()).collect(),
        &mut c,
    );
    let team_keys = keys(
        "teams",
        raw.teams.iter().map(|t| t.id.as_str()).collect(),
        &mut c,
    );
    let initiative_keys = keys(
        "initiatives",
        raw.initiatives.iter().map(|t| t.id.as_str()).collect(),
        &mut c,
    );
    let sh_keys = keys(
        "stakeholders",
        raw.stakeholders.iter().map(|t| t.id.as_str()).collect(),
        &mut c,
    );
    let mut person_keys: BTreeMap<String, u32> = BTreeMap::new();
    let reference = |c: &mut Checker,
                     keys: &BTreeMap<String, u32>,
                     what: &str,
                     path: &str,
                     key: &str|
     -> Option<u32> {
        let found = index_of(keys, key);
        if found.is_none() {
            c.error(
                path,
                format!("unknown {what} \"{key}\""),
                nearest(key, keys.keys().map(String::as_str)),
            );
        }
        found
    };

    for (i, p) in raw.products.iter().enumerate() {
        let b = format!("products[{i}]");
        c.range(&format!("{b}.users"), p.users, 0.0, 1e9);
        c.range(&format!("{b}.signups_base"), p.signups_base, 0.0, 1e8);
        c.range(&format!("{b}.activation"), p.activation, 0.0, 1.0);
        if let Some(m) = p.monthly_churn {
            c.range(&format!("{b}.monthly_churn"), m, 0.0, 0.5);
        }
        c.range(&format!("{b}.paying_share"), p.paying_share, 0.0, 1.0);
        c.range(&format!("{b}.arpu_month"), p.arpu_month, 0.0, 1e6);
        c.range(&format!("{b}.value_fit"), p.value_fit, 0.0, 100.0);
        c.range(&format!("{b}.reliability"), p.reliability, 0.0, 100.0);
    }

    let mut teams = Vec::new();
    let mut people = Vec::new();
    for (ti, t) in raw.teams.iter().enumerate() {
        let b = format!("teams[{ti}]");
        c.range(
            &format!("{b}.codebase_size"),
            t.codebase_size,
            50.0,
            100_000.0,
        );
        c.range(&format!("{b}.tech_debt"), t.tech_debt, 0.0, 100.0);
        c.range(&format!("{b}.psych_safety"), t.psych_safety, 0.0, 100.0);
        c.range(&format!("{b}.autonomy"), t.autonomy, 0.0, 1.0);
        c.range(&format!("{b}.discovery_share"), t.discovery_share, 0.0, 0.4);
        c.range(&format!("{b}.debt_share"), t.debt_share, 0.0, 0.4);
        c.range(
            &format!("{b}.quality_practice"),
            t.quality_practice,
            0.0,
            1.0,
        );
        c.range(&format!("{b}.analytics"), t.analytics, 0.0, 1.0);
        c.range(
            &format!("{b}.platform_maturity"),
            t.platform_maturity,
            0.0,
            1.0,
        );
        c.range(&format!("{b}.vision"), t.vision, 0.0, 1.0);
        let service = t.service_share.unwrap_or(if t.kind == TeamKind::Platform {
            0.2
        } else {
            0.1
        });
        c.range(&format!("{b}.service_share"), service, 0.0, 0.7);
        if t.discovery_share + t.debt_share + service > 0.7 + 1e-9 {
            c.error(
                &format!("{b}.discovery_share"),
                format!(
                    "discovery_share + debt_share + service_share = {:.2}; the limit is 0.7",
                    t.discovery_share + t.debt_share + service
                ),
                Some("leave at least 30 % of capacity for delivery".into()),
            );
        }
        if t.wip_limit == 0 || t.wip_limit > 20 {
            c.error(
                &format!("{b}.wip_limit"),
                format!("value {} is out of range 1..=20", t.wip_limit),
                None,
            );
        }
        let tau = t.assimilation_tau.unwrap_or(raw.params.assimilation_tau);
        c.range(&format!("{b}.assimilation_tau"), tau, 1.0, 104.0);
        if t.members.is_empty() {
            c.error(
                &format!("{b}.members"),
                "a team needs at least one member",
                None,
            );
        }
        if t.members.len() > 9 {
            c.warn(
                &format!("{b}.members"),
                format!("{} people; Team Topologies recommends 5–9", t.members.len()),
                Some("communication overhead grows with n²; consider two teams".into()),
            );
        }
        for (mi, m) in t.members.iter().enumerate() {
            let mb = format!("{b}.members[{mi}]");
            if !(1..=5).contains(&m.level) {
                c.error(
                    &format!("{mb}.level"),
                    format!("value {} is out of range 1..=5", m.level),
                    None,
                );
            }
            let base = 30.0 + 10.0 * f64::from(m.level.clamp(1, 5));
            let skills = m.skills.unwrap_or(RawSkills {
                soft: base,
                team_dev: base,
                domain: base,
                craft: base,
            });
            check_skills(&mut c, &format!("{mb}.skills"), &skills);
            for (low, high) in crate::model::domain::Trait::AXES {
                if m.traits.contains(&low) && m.traits.contains(&high) {
                    c.error(
                        &format!("{mb}.traits"),
                        format!("{low:?} and {high:?} contradict each other"),
                        Some(format!(
                            "keep one of them, or leave both out and the seed decides how {} reacts",
                            m.name
                        )),
                    );
                }
            }
            c.range(&format!("{mb}.engagement"), m.engagement, 0.0, 100.0);
            c.range(&format!("{mb}.exhaustion"), m.exhaustion, 0.0, 100.0);
            c.range(
                &format!("{mb}.trust_in_leader"),
                m.trust_in_leader,
                0.0,
                100.0,
            );
            if m.tenure_weeks > 5_000 {
                c.error(
                    &format!("{mb}.tenure_weeks"),
                    format!("value {} is out of range 0..=5000", m.tenure_weeks),
                    None,
                );
            }
            let salary = m
                .salary_week
                .unwrap_or(2_000.0 + 500.0 * f64::from(m.level.clamp(1, 5)));
            c.range(&format!("{mb}.salary_week"), salary, 0.0, 100_000.0);
            let id = people.len() as u32;
            if person_keys.insert(m.name.clone(), id).is_some() {
                c.error(
                    &format!("{mb}.name"),
                    format!("duplicate person name \"{}\"", m.name),
                    Some("names identify people in events; make them unique".into()),
                );
            }
            people.push(PersonDef {
                id: PersonId(id),
                team: TeamId(ti as u32),
                raw: m.clone(),
                skills,
                salary_week: salary,
            });
        }
        let mut tr = t.clone();
        tr.members.clear();
        teams.push(TeamDef {
            id: TeamId(ti as u32),
            raw: tr,
            service_share: service,
            assimilation_tau: tau,
        });
    }

    let mut initiatives = Vec::new();
    for (ii, it) in raw.initiatives.iter().enumerate() {
        let b = format!("initiatives[{ii}]");
        let team = reference(&mut c, &team_keys, "team", &format!("{b}.team"), &it.team);
        let product = match &it.product {
            Some(p) => reference(&mut c, &product_keys, "product", &format!("{b}.product"), p),
            None => Some(0),
        };
        let sponsor = match &it.sponsor {
            Some(s) => {
                reference(&mut c, &sh_keys, "stakeholder", &format!("{b}.sponsor"), s).map(Some)
            }
            None => Some(None),
        };
        c.range(&format!("{b}.size"), it.size, 0.5, 10_000.0);
        c.range(&format!("{b}.done"), it.done, 0.0, it.size.max(0.0));
        c.range(&format!("{b}.cost_of_delay"), it.cost_of_delay, 0.0, 1e9);
        c.range(&format!("{b}.weekly_cost"), it.weekly_cost, 0.0, 1e8);
        if let Some(r) = it.reported_done {
            c.range(&format!("{b}.reported_done"), r, 0.0, 1.0);
        }
        c.range(&format!("{b}.core_fraction"), it.core_fraction, 0.05, 1.0);
        if it.max_parallel == 0 || it.max_parallel > 50 {
            c.error(
                &format!("{b}.max_parallel"),
                format!("value {} is out of range 1..=50", it.max_parallel),
                None,
            );
        }
        if let Some(d) = it.deadline_week {
            c.week(&format!("{b}.deadline_week"), d, raw.weeks);
        }
        if let Some(h) = &it.hidden
            && let Some(e) = &h.effect
        {
            check_effect(&mut c, &format!("{b}.hidden.effect"), e);
        }
        if let Some(e) = &it.effect_scale {
            check_effect(&mut c, &format!("{b}.effect_scale"), e);
        }
        c.count(&format!("{b}.deps"), it.deps.len(), limits::MAX_DEPS);
        let mut deps = Vec::new();
        for (di, d) in it.deps.iter().enumerate() {
            let db = format!("{b}.deps[{di}]");
            let provider = reference(
                &mut c,
                &team_keys,
                "team",
                &format!("{db}.provider"),
                &d.provider,
            );
            c.range(&format!("{db}.work"), d.work, 0.1, 1_000.0);
            if let (Some(p), Some(t)) = (provider, team) {
                if p == t {
                    c.error(
                        &format!("{db}.provider"),
                        "an initiative cannot depend on its own team",
                        None,
                    );
                }
                deps.push(DepDef {
                    provider: TeamId(p),
                    work: d.work,
                    distributed: d.distributed,
                });
            }
        }
        if let (Some(t), Some(p), Some(s)) = (team, product, sponsor) {
            initiatives.push(InitiativeDef {
                id: InitiativeId(ii as u32),
                team: TeamId(t),
                product: ProductId(p),
                sponsor: s.map(StakeholderId),
                deps,
                raw: it.clone(),
            });
        }
    }

    check_cycles(&mut c, &initiatives, &raw);

    for (si, s) in raw.stakeholders.iter().enumerate() {
        let b = format!("stakeholders[{si}]");
        c.range(&format!("{b}.power"), s.power, 0.0, 1.0);
        c.range(&format!("{b}.waterfall"), s.waterfall, 0.0, 1.0);
        c.range(&format!("{b}.trust.ability"), s.trust.ability, 0.0, 100.0);
        c.range(
            &format!("{b}.trust.benevolence"),
            s.trust.benevolence,
            0.0,
            100.0,
        );
        c.range(
            &format!("{b}.trust.integrity"),
            s.trust.integrity,
            0.0,
            100.0,
        );
        c.range(&format!("{b}.anxiety"), s.anxiety, 0.0, 100.0);
        c.range(&format!("{b}.alignment"), s.alignment, 0.0, 1.0);
        for (m, w) in &s.goals {
            c.range(&format!("{b}.goals.{m:?}"), *w, 0.0, 10.0);
        }
        for (kind, text) in &s.says {
            let at = format!("{b}.says.{kind:?}");
            if let Some((message, hint)) = says_problem(text) {
                c.error(&at, message, Some(hint));
            } else if !s.demands.contains(kind) {
                c.warn(
                    &at,
                    "this stakeholder never makes this kind of demand, so the text is never shown",
                    Some(format!("add {kind:?} to their demands, or remove the text")),
                );
            }
        }
        if s.demands.is_empty() && s.goals.is_empty() {
            c.warn(
                &b,
                "stakeholder has no demands and no goals",
                Some("give them goals or demands, or remove them".into()),
            );
        }
    }

    let mut events = Vec::new();
    for (ei, e) in raw.scripted_events.iter().enumerate() {
        let b = format!("scripted_events[{ei}]");
        c.week(&format!("{b}.week"), e.week, raw.weeks);
        let kind = match &e.event {
            RawEvent::Demand {
                from,
                kind,
                team,
                intensity,
            } => {
                c.range(&format!("{b}.event.intensity"), *intensity, 0.1, 2.0);
                let f = reference(
                    &mut c,
                    &sh_keys,
                    "stakeholder",
                    &format!("{b}.event.from"),
                    from,
                );
                let t = reference(&mut c, &team_keys, "team", &format!("{b}.event.team"), team);
                match (f, t) {
                    (Some(f), Some(t)) => Some(EventKind::Demand {
                        from: StakeholderId(f),
                        kind: *kind,
                        team: TeamId(t),
                        intensity: *intensity,
                    }),
                    _ => None,
                }
            }
            RawEvent::BudgetCut { fraction } => {
                c.range(&format!("{b}.event.fraction"), *fraction, 0.0, 0.9);
                Some(EventKind::BudgetCut {
                    fraction: *fraction,
                })
            }
            RawEvent::MarketShock { value_fit } => {
                c.range(&format!("{b}.event.value_fit"), *value_fit, -50.0, 50.0);
                Some(EventKind::MarketShock {
                    value_fit: *value_fit,
                })
            }
            RawEvent::Resignation { person } => reference(
                &mut c,
                &person_keys,
                "person",
                &format!("{b}.event.person"),
                person,
            )
            .map(|p| EventKind::Resignation {
                person: PersonId(p),
            }),
            RawEvent::MarketHeat { heat } => {
                c.range(&format!("{b}.event.heat"), *heat, 0.5, 2.0);
                Some(EventKind::MarketHeat { heat: *heat })
            }
        };
        if let Some(kind) = kind {
            events.push(ScriptedEvent {
                index: ei,
                week: e.week,
                kind,
            });
        }
    }
    warn_dead_events(&mut c, &raw, &events);
    events.sort_by_key(|e| e.week);

    let mut objectives = Vec::new();
    for (oi, o) in raw.objectives.iter().enumerate() {
        let b = format!("objectives[{oi}]");
        let product = match &o.product {
            Some(p) => reference(&mut c, &product_keys, "product", &format!("{b}.product"), p),
            None => Some(0),
        };
        c.range(&format!("{b}.weight"), o.weight, 0.0, 10.0);
        c.range(&format!("{b}.target"), o.target, -1e9, 1e9);
        if let Some(bl) = o.baseline {
            c.range(&format!("{b}.baseline"), bl, -1e9, 1e9);
            if (o.target - bl).abs() < 1e-12 {
                c.error(
                    &format!("{b}.target"),
                    "target equals baseline",
                    Some("an objective needs room to move".into()),
                );
            }
        }
        if let Some(p) = product {
            objectives.push(ObjectiveDef {
                metric: o.metric,
                product: ProductId(p),
                baseline: o.baseline,
                target: o.target,
                weight: o.weight,
            });
        }
    }

    let mut table = crate::model::names::NameTable::default();
    {
        use crate::model::names::IdKind;
        let mut put = |kind: IdKind, keys: &BTreeMap<String, u32>| {
            table.names.insert(kind, keys.clone());
        };
        put(IdKind::Team, &team_keys);
        put(IdKind::Person, &person_keys);
        put(IdKind::Initiative, &initiative_keys);
        put(IdKind::Stakeholder, &sh_keys);
        put(IdKind::Product, &product_keys);
    }
    let plans = check_plans(&mut c, &raw, table.clone());

    let errors = c.out.iter().any(|d| d.severity == Severity::Error);
    if errors {
        return Err(c.out);
    }
    let stakeholder_keys = raw.stakeholders.iter().map(|s| s.id.clone()).collect();
    Ok(Scenario {
        file: file.to_string(),
        content_hash: fnv1a(src.as_bytes()),
        positions: positions.clone(),
        raw,
        teams,
        people,
        initiatives,
        events,
        objectives,
        plans,
        stakeholder_keys,
        names: table,
        warnings: c.out,
    })
}

/// The longest demand text a stakeholder may say, in characters (a line of the inbox).
pub const MAX_SAYS_CHARS: usize = 240;

/// What is wrong with a stakeholder's demand text, if anything: empty, too long, or a `{…}`
/// other than `{team}` and `{due}`. Returns the message and a hint.
pub(crate) fn says_problem(text: &str) -> Option<(String, String)> {
    if text.trim().is_empty() {
        return Some((
            "the demand text is empty".into(),
            "write what they say, or remove the line to use the game's wording".into(),
        ));
    }
    let n = text.chars().count();
    if n > MAX_SAYS_CHARS {
        return Some((
            format!("the demand text is {n} characters long; at most {MAX_SAYS_CHARS} fit"),
            "say it in a sentence or two".into(),
        ));
    }
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Some((
                "a `{` is never closed".into(),
                "write {team} or {due}, or leave braces out".into(),
            ));
        };
        let name = &after[..close];
        if name != "team" && name != "due" {
            let shown: String = name.chars().take(40).collect();
            return Some((
                format!("`{{{shown}}}` is not something the game can fill in"),
                "use {team} for the team's name and {due} for the week an answer is due".into(),
            ));
        }
        rest = &after[close + 1..];
    }
    None
}
