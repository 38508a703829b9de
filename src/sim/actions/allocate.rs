//! The allocate actions (MODEL.md §6.4: budget and capacity): discovery and debt shares, WIP
//! limits, tooling, analytics and platform investment, budget requests and the overtime
//! policy; each action's price and effects side by side.

use super::*;

/// Prices an allocate action and checks its targets (see `super::price`).
pub(super) fn price(world: &World, a: &Action) -> Result<Cost, Refusal> {
    use Action::*;
    let prm = &world.resource::<SimParams>().0;
    match a {
        SetDiscoveryShare { team: t, share } | SetDebtShare { team: t, share } => {
            let tm = need_team(world, a, *t)?;
            if !share.is_finite() || !(0.0..=0.4).contains(share) {
                return refuse(a, "share must be between 0 and 0.4");
            }
            let total = match a {
                SetDiscoveryShare { .. } => share + tm.debt_share + tm.service_share,
                _ => tm.discovery_share + share + tm.service_share,
            };
            if total > 0.7 + 1e-9 {
                return refuse(
                    a,
                    format!(
                        "discovery + debt + service shares would be {total:.2}; the limit is 0.7"
                    ),
                );
            }
            cost(prm.set_share_ap, 0.0, 0.0)
        }
        SetWipLimit { team: t, limit } => {
            need_team(world, a, *t)?;
            if !(1..=10).contains(limit) {
                return refuse(a, "WIP limit must be 1–10");
            }
            cost(prm.set_wip_limit_ap, 0.0, 0.0)
        }
        Tooling { team: t } => {
            let tm = need_team(world, a, *t)?;
            if tm.quality >= 0.95 {
                return refuse(a, "quality practice is already at its maximum");
            }
            cost(prm.tooling_ap, 0.0, prm.tooling_money)
        }
        Analytics { team: t } => {
            let tm = need_team(world, a, *t)?;
            if tm.analytics >= 0.95 {
                return refuse(a, "analytics is already at its maximum");
            }
            cost(prm.analytics_ap, 0.0, prm.analytics_money)
        }
        PlatformInvestment { team: t } => {
            let tm = need_team(world, a, *t)?;
            if tm.platform_maturity >= 0.95 {
                return refuse(a, "the platform is already self-service");
            }
            cost(
                prm.platform_investment_ap,
                0.0,
                prm.platform_investment_money,
            )
        }
        RequestBudget { amount } => {
            if !amount.is_finite() || *amount <= 0.0 || *amount > 1e8 {
                return refuse(a, "amount must be positive");
            }
            cost(prm.request_budget_ap, prm.request_budget_pc, 0.0)
        }
        SetOvertimePolicy { policy } => match policy {
            OvertimePolicy::Crunch | OvertimePolicy::Default => cost(0.0, 0.0, 0.0),
            OvertimePolicy::SustainablePace => cost(prm.sustainable_pace_ap, 0.0, 0.0),
        },
        _ => unreachable!("{} is not an allocate action", a.kind()),
    }
}

/// Applies an already-paid allocate action (see `super::apply`).
pub(super) fn apply(world: &mut World, a: &Action, w: u32) {
    use Action::*;
    let p = world.resource::<SimParams>().0.clone();
    let seed = world.resource::<RunInfo>().seed;
    match a {
        SetDiscoveryShare { team, share } => {
            with_team(world, *team, |t| t.discovery_share = *share)
        }
        SetDebtShare { team, share } => with_team(world, *team, |t| t.debt_share = *share),
        SetWipLimit { team, limit } => with_team(world, *team, |t| t.wip_limit = *limit),
        Tooling { team } => {
            with_team(world, *team, |t| {
                t.quality = (t.quality + p.tooling_quality).min(1.0);
                t.modifiers.push(CapacityModifier {
                    multiplier: p.tooling_dip,
                    until_week: w + 1,
                    cause: "tooling adoption dip".into(),
                });
            });
            world.resource_mut::<Budget>().tooling_weekly += p.tooling_running_cost;
        }
        Analytics { team } => with_team(world, *team, |t| {
            t.analytics = (t.analytics + p.analytics_gain).min(1.0)
        }),
        PlatformInvestment { team } => with_team(world, *team, |t| {
            t.platform_maturity = (t.platform_maturity + p.platform_investment_gain).min(1.0)
        }),
        RequestBudget { amount } => {
            let cfo = cfo_trust(world);
            let outcomes = outcome_progress(world);
            let tired = if world.resource::<Leader>().exhaustion > 60.0 {
                0.85
            } else {
                1.0
            };
            let pr = tired * eq::sigmoid(-1.0 + 3.0 * (cfo - 50.0) / 50.0 + 2.0 * outcomes);
            let ok = Stream::new(seed, Purpose::ActionRoll, 0xB0D6E7, w, 0).bernoulli(pr);
            if ok {
                let mut d = world.resource_mut::<DelayedEffects>();
                let seq = d.1;
                d.1 += 1;
                d.0.insert(
                    (w + p.budget_approval_weeks, seq),
                    DelayedEffect::BudgetArrives(*amount),
                );
                log(
                    world,
                    w,
                    "event",
                    Happened::BudgetApproved,
                    Vec::new(),
                    format!(
                        "Finance approved your budget request: ${amount:.0} arrives in {} weeks",
                        p.budget_approval_weeks
                    ),
                );
            } else {
                log(
                    world,
                    w,
                    "event",
                    Happened::BudgetDeclined,
                    Vec::new(),
                    "Finance declined your budget request".to_string(),
                );
            }
        }
        SetOvertimePolicy { policy } => {
            world.resource_mut::<Org>().overtime_policy = OvertimePolicyState(*policy);
            if *policy == OvertimePolicy::Crunch {
                // Crunch pleases plan-driven stakeholders: +1 PC each, at most once per 8 weeks.
                let mut gained = 0.0;
                all_stakeholders(world, |s| {
                    if s.waterfall >= 0.6 && s.last_crunch_pc.is_none_or(|l| w >= l + 8) {
                        s.last_crunch_pc = Some(w);
                        gained += 1.0;
                    }
                });
                let mut l = world.resource_mut::<Leader>();
                l.political_capital = (l.political_capital + gained).min(100.0);
            }
        }
        _ => unreachable!("{} is not an allocate action", a.kind()),
    }
}

fn cfo_trust(world: &World) -> f64 {
    let idx = world.resource::<Index>();
    let mut best = None;
    for e in idx.stakeholders.values() {
        if let Some(s) = world.get::<Stakeholder>(*e)
            && s.role == crate::scenario::StakeholderRole::Cfo
        {
            best = Some(s.trust());
        }
    }
    best.unwrap_or(50.0)
}
