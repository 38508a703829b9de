//! Stakeholders: trust, anxiety and waterfall pressure of each stakeholder.

use super::*;

/// Stakeholder trust, anxiety and political capital (§4.10, §17.2).
#[expect(
    clippy::too_many_arguments,
    reason = "a system names every resource it touches"
)]
pub fn stakeholders(
    clock: Res<Clock>,
    params: Res<SimParams>,
    index: Res<Index>,
    org: Res<Org>,
    objectives: Res<Objectives>,
    mut leader: ResMut<Leader>,
    initiatives: Query<&Initiative>,
    mut stakeholders: Query<&mut Stakeholder>,
) {
    let w = clock.week;
    let p = &params.0;
    let init = w == 0;
    let (demos, disclosures) = (&org.demos, &org.disclosures);
    let outcome = {
        let total: f64 = objectives.0.iter().map(|o| o.weight).sum();
        if total > 0.0 {
            objectives
                .0
                .iter()
                .map(|o| o.weight * actions::attainment(o).clamp(0.0, 1.0))
                .sum::<f64>()
                / total
        } else {
            0.0
        }
    };
    let deadline_near = nearest_deadline(
        index
            .initiatives
            .values()
            .filter_map(|e| initiatives.get(*e).ok()),
        w,
        p.deadline_horizon_weeks,
    );
    let no_visibility = !demos
        .iter()
        .chain(disclosures.iter())
        .any(|&d| w.saturating_sub(d) < 4)
        && w >= 4;
    // Weeks since anything shipped (or since the start): stakeholders judge ability by results.
    let last_ship = index
        .initiatives
        .values()
        .filter_map(|e| initiatives.get(*e).ok())
        .filter_map(|i| i.ship_week)
        .max()
        .unwrap_or(0);
    let grace = p.no_delivery_grace_weeks.max(1.0);
    let drought = ((f64::from(w.saturating_sub(last_ship)) - grace) / grace).clamp(0.0, 1.0);
    let mut pw_trust = 0.0;
    let mut pw = 0.0;
    for se in index.stakeholders.values() {
        let Ok(mut s) = stakeholders.get_mut(*se) else {
            continue;
        };
        let goal_addressed = if s.goals.is_empty() {
            outcome
        } else {
            let tw: f64 = s.goals.values().sum();
            let mut acc = 0.0;
            for (m, wt) in &s.goals {
                let att: Vec<f64> = objectives
                    .0
                    .iter()
                    .filter(|o| o.metric == *m)
                    .map(|o| actions::attainment(o).clamp(0.0, 1.0))
                    .collect();
                let a = if att.is_empty() {
                    outcome
                } else {
                    att.iter().sum::<f64>() / att.len() as f64
                };
                acc += wt * a;
            }
            if tw > 0.0 { acc / tw } else { outcome }
        };
        let missed8 = count_recent(&s.missed, w, 8);
        let meetings4 = count_recent(&s.meetings, w, 4).min(3.0);
        let declined8 = count_recent(&s.declined, w, 8);
        let water8 = count_recent(&s.watermelons, w, 8);
        let broken8 = count_recent(&s.broken_promises, w, 8);
        let transparency = (count_recent(&s.transparency, w, 4) / 2.0).min(1.0);
        let pulse = |stock: PulseStock, s: &Stakeholder| -> f64 {
            s.pulses
                .iter()
                .filter(|x| x.stock == stock && x.driver != Driver::Declined)
                .map(|x| x.value(w))
                .sum()
        };
        // Pulses booked as overriding the stakeholder (their sponsored work stopped).
        let overridden: f64 = s
            .pulses
            .iter()
            .filter(|x| x.stock == PulseStock::Benevolence && x.driver == Driver::Declined)
            .map(|x| x.value(w))
            .sum();
        let a_terms = [
            (Driver::Outcomes, p.st_outcomes * outcome),
            (Driver::MissedCommitments, -p.st_missed * missed8),
            (Driver::Forecasts, p.st_forecasts * s.forecast_hits.min(3.0)),
            (Driver::Transparency, pulse(PulseStock::Ability, &s)),
            (Driver::Shipped, -p.st_no_delivery * drought),
        ];
        let b_terms = [
            (Driver::Meetings, p.st_meetings * meetings4),
            (Driver::GoalsAddressed, p.st_goals * goal_addressed),
            (Driver::Declined, -p.st_declined * declined8 + overridden),
            (Driver::Defended, pulse(PulseStock::Benevolence, &s)),
        ];
        let i_terms = [
            (
                Driver::Transparency,
                p.st_transparency * transparency + pulse(PulseStock::Integrity, &s),
            ),
            (Driver::Watermelon, -p.st_watermelon * water8),
            (Driver::BrokenPromises, -p.st_broken_promises * broken8),
        ];
        if init {
            s.a0 = s.ability;
            s.b0 = s.benevolence;
            s.i0 = s.integrity;
            s.anxiety0 = s.anxiety - (100.0 - s.trust()) * (0.6 + 0.4 * s.waterfall);
        } else {
            let step = |x: f64, x0: f64, terms: &[(Driver, f64)], ledger: &mut Contribs| -> f64 {
                let target = (x0 + terms.iter().map(|t| t.1).sum::<f64>()).clamp(0.0, 100.0);
                let (next, tau) = eq::smooth_asym(x, target, p.trust_tau_up, p.trust_tau_down);
                ledger.smooth(1.0 / tau, terms);
                ledger.reconcile(next, x0);
                next
            };
            let (a0, b0, i0) = (s.a0, s.b0, s.i0);
            let mut la = std::mem::take(&mut s.ability_ledger);
            let mut lb = std::mem::take(&mut s.benevolence_ledger);
            let mut li = std::mem::take(&mut s.integrity_ledger);
            s.ability = step(s.ability, a0, &a_terms, &mut la);
            s.benevolence = step(s.benevolence, b0, &b_terms, &mut lb);
            s.integrity = step(s.integrity, i0, &i_terms, &mut li);
            s.ability_ledger = la;
            s.benevolence_ledger = lb;
            s.integrity_ledger = li;
            let anx_target = (s.anxiety0
                + (100.0 - s.trust()) * (0.6 + 0.4 * s.waterfall)
                + p.anxiety_deadline * deadline_near
                + if no_visibility {
                    p.anxiety_no_visibility
                } else {
                    0.0
                }
                + pulse(PulseStock::Anxiety, &s))
            .clamp(0.0, 100.0);
            s.anxiety =
                eq::smooth_asym(s.anxiety, anx_target, p.anxiety_tau_up, p.anxiety_tau_down).0;
            s.pulses.retain(|x| x.value(w).abs() > 0.05);
            s.alignment = (s.alignment - p.stakeholder_alignment_decay).max(0.0);
        }
        let st = s.trust();
        pw_trust += s.power * st;
        pw += s.power;
    }
    if init {
        return;
    }
    let target = if pw > 0.0 { pw_trust / pw } else { 50.0 };
    leader.political_capital = (leader.political_capital
        + p.pc_regen * (target - leader.political_capital))
        .clamp(0.0, 100.0);
}
