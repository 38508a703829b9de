//! Test plans: their limits, their scripted steps (actions written with names) and their expectations.

use super::*;

/// Checks the test plans and parses their actions with names resolved.
/// The limits on test plans: how many, how many steps, and the total work `check` would do.
pub(crate) fn count_plan_work(c: &mut Checker, raw: &RawScenario, people: usize) {
    c.count("plans", raw.plans.len(), limits::MAX_PLANS);
    let mut work: u64 = 0;
    for (pi, plan) in raw.plans.iter().enumerate() {
        c.count(
            &format!("plans[{pi}].steps"),
            plan.steps.len(),
            limits::MAX_STEPS,
        );
        let per_seed = u64::from(raw.weeks.min(limits::MAX_WEEKS)) * people.max(1) as u64;
        work = work.saturating_add(u64::from(plan.seeds).saturating_mul(per_seed));
    }
    if work > limits::MAX_PLAN_WORK && raw.plans.iter().all(|p| p.seeds <= limits::MAX_PLAN_SEEDS) {
        c.error(
            "plans",
            format!(
                "the plans ask for {work} person-weeks of simulation (seeds × weeks × people, \
                 summed over plans); the limit is {}",
                limits::MAX_PLAN_WORK
            ),
            Some("use fewer seeds per plan; 10 to 30 seeds show a plan's spread".into()),
        );
    }
}

pub(crate) fn check_plans(
    c: &mut Checker,
    raw: &RawScenario,
    table: crate::model::names::NameTable,
) -> Vec<PlanDef> {
    let mut plans = Vec::new();
    let mut names: BTreeMap<&str, usize> = BTreeMap::new();
    for (pi, plan) in raw.plans.iter().enumerate() {
        let b = format!("plans[{pi}]");
        if plan.name.trim().is_empty() {
            c.error(&format!("{b}.name"), "name must not be empty", None);
        } else if names.insert(plan.name.as_str(), pi).is_some() {
            c.error(
                &format!("{b}.name"),
                format!("duplicate plan name \"{}\"", plan.name),
                Some("plans are reported by name; make them unique".into()),
            );
        }
        if !POLICY_NAMES.contains(&plan.policy.as_str()) {
            c.error(
                &format!("{b}.policy"),
                format!("unknown policy \"{}\"", plan.policy),
                nearest(&plan.policy, POLICY_NAMES)
                    .or_else(|| Some(format!("one of {}", POLICY_NAMES.join(", ")))),
            );
        }
        if plan.seeds == 0 || plan.seeds > limits::MAX_PLAN_SEEDS {
            c.error(
                &format!("{b}.seeds"),
                format!(
                    "value {} is out of range 1..={}",
                    plan.seeds,
                    limits::MAX_PLAN_SEEDS
                ),
                None,
            );
        }
        let e = &plan.expect;
        for (name, band) in [
            ("culture", e.culture),
            ("product", e.product),
            ("combined", e.combined),
        ] {
            if let Some((lo, hi)) = band {
                let path = format!("{b}.expect.{name}");
                if !(0.0..=100.0).contains(&lo) || !(0.0..=100.0).contains(&hi) || lo > hi {
                    c.error(
                        &path,
                        format!(
                            "band ({}, {}) is not a range within 0..=100",
                            input::number(lo),
                            input::number(hi)
                        ),
                        Some("write (low, high) with low <= high, e.g. (55, 100)".into()),
                    );
                }
            }
        }
        let mut events = Vec::new();
        for (ei, text) in e.events.iter().enumerate() {
            let path = format!("{b}.expect.events[{ei}]");
            if text.trim().is_empty() {
                c.error(
                    &path,
                    "expected event text must not be empty",
                    Some(format!("start with one of: {}", expect::vocabulary())),
                );
                continue;
            }
            match expect::parse(text, raw, &table) {
                Ok(ev) => events.push(ev),
                Err((message, hint)) => c.error(&path, message, hint),
            }
        }
        if e.culture.is_none() && e.product.is_none() && e.combined.is_none() && e.events.is_empty()
        {
            c.error(
                &format!("{b}.expect"),
                "the plan expects nothing, so it can never fail",
                Some("give a band, e.g. expect: (combined: (55, 100))".into()),
            );
        }
        let mut steps = Vec::new();
        let opts = ron::Options::default()
            .with_recursion_limit(32)
            .with_default_extension(ron::extensions::Extensions::UNWRAP_NEWTYPES);
        // The name table is installed once per plan, not once per step.
        let parsed_steps: Vec<_> = crate::model::names::with_names(table.clone(), || {
            plan.steps
                .iter()
                .map(|step| opts.from_str::<crate::model::action::Action>(step.action.get_ron()))
                .collect()
        });
        for (si, (step, parsed)) in plan.steps.iter().zip(parsed_steps).enumerate() {
            let sb = format!("{b}.steps[{si}]");
            c.week(&format!("{sb}.week"), step.week, raw.weeks);
            match parsed {
                Ok(a) => steps.push((step.week, a)),
                Err(err) => {
                    // Positions inside the action's text, shifted to where it starts in the file.
                    let path = format!("{sb}.action");
                    let (l0, c0) = match c.positions.get(&path) {
                        Some((l, col)) => locate::value_start(c.src, l, col),
                        None => locate::position_of(c.positions, &path),
                    };
                    let (line, col) = if err.span.start.line <= 1 {
                        (l0, c0 + err.span.start.col.saturating_sub(1))
                    } else {
                        (l0 + err.span.start.line - 1, err.span.start.col)
                    };
                    let (mut message, mut hint) = describe(&err.code);
                    if matches!(err.code, ron::Error::TrailingCharacters) {
                        message = "unexpected text after the action".into();
                        hint = Some(
                            "an action without fields is written without brackets, e.g. \
                             VisionSession"
                                .into(),
                        );
                    }
                    // A name lookup says `unknown person "B" (did you mean "A"?)`: the part in
                    // brackets is the hint.
                    if message.starts_with("unknown ")
                        && message.ends_with(')')
                        && let Some(open) = message.find(" (")
                    {
                        hint = Some(message[open + 2..message.len() - 1].to_string());
                        message.truncate(open);
                    }
                    let hint = hint.or_else(|| {
                        Some("actions and their fields are listed in scenarios/README.md".into())
                    });
                    c.out.push(Diagnostic {
                        file: c.file.into(),
                        line,
                        col,
                        severity: Severity::Error,
                        path,
                        message,
                        hint,
                    });
                }
            }
        }
        plans.push(PlanDef {
            name: plan.name.clone(),
            description: plan.description.clone(),
            policy: plan.policy.clone(),
            respond: plan.respond,
            steps,
            seeds: plan.seeds,
            expect: plan.expect.clone(),
            events,
        });
    }
    plans
}
