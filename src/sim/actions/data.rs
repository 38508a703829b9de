//! The data-driven actions (MODEL.md §6.6): reviewing metrics, experiments, forecasts, killing
//! and descoping initiatives; each action's price and effects side by side.

use super::*;

/// Prices a data-driven action and checks its targets (see `super::price`).
pub(super) fn price(world: &World, a: &Action) -> Result<Cost, Refusal> {
    use Action::*;
    let prm = &world.resource::<SimParams>().0;
    match a {
        ReviewMetrics { product } => {
            if !world.resource::<Index>().products.contains_key(product) {
                return refuse(a, format!("no product {}", product.0));
            }
            cost(prm.review_metrics_ap, 0.0, 0.0)
        }
        RunExperiment { initiative: i } => {
            let it = need_init(world, a, *i)?;
            if !matches!(
                it.state,
                InitiativeState::Backlog | InitiativeState::Discovery
            ) {
                return refuse(a, "experiments run on ideas not yet in delivery");
            }
            if it.no_discovery {
                return refuse(
                    a,
                    "this injected feature allows no discovery (reframe to get a spike)",
                );
            }
            cost(prm.run_experiment_ap, 0.0, prm.run_experiment_money)
        }
        Forecast { initiative: i } => {
            let it = need_init(world, a, *i)?;
            if !it.is_open() {
                return refuse(a, "only open initiatives can be forecast");
            }
            if world.resource::<Org>().throughput.len() < 6 {
                return refuse(a, "a forecast needs at least 6 weeks of throughput history");
            }
            cost(prm.forecast_ap, 0.0, 0.0)
        }
        KillInitiative { initiative: i } => {
            let it = need_init(world, a, *i)?;
            if !it.is_open() {
                return refuse(a, "already shipped or killed");
            }
            cost(prm.kill_initiative_ap, sponsor_cost(world, it), 0.0)
        }
        Descope { initiative: i } => {
            let it = need_init(world, a, *i)?;
            if !it.is_open() || it.descoped {
                return refuse(a, "only an open initiative, once");
            }
            let pc = match it.sponsor.and_then(|s| stakeholder(world, s)) {
                Some(s) => eq::sponsor_cost(s.power, s.trust(), prm),
                None => 0.0,
            };
            cost(prm.descope_ap, pc, 0.0)
        }
        _ => unreachable!("{} is not a data-driven action", a.kind()),
    }
}

/// Applies an already-paid data-driven action (see `super::apply`).
pub(super) fn apply(world: &mut World, a: &Action, w: u32) {
    use Action::*;
    let seed = world.resource::<RunInfo>().seed;
    match a {
        ReviewMetrics { product } => {
            if let Some(&e) = world.resource::<Index>().products.get(product)
                && let Some(mut pr) = world.get_mut::<Product>(e)
            {
                pr.dashboard.true_values_week = Some(w);
            }
            lookup::for_each(world, |tm: &mut Team| tm.metric_reviews += 1.0);
            world
                .resource_mut::<Revealed>()
                .0
                .insert(format!("metrics:{}", product.0));
        }
        RunExperiment { initiative } => {
            crate::sim::systems::run_experiment(world, *initiative, w, 100);
            with_initiative(world, *initiative, |it| it.behind_experiment = true);
        }
        Forecast { initiative } => {
            let samples: Vec<f64> = world.resource::<Org>().throughput.iter().copied().collect();
            let rem = super::initiative(world, *initiative).map_or(0.0, Initiative::remaining);
            let (p50, p85) = monte_carlo_forecast(&samples, rem, seed, w);
            world.resource_mut::<Leader>().forecast_week = Some(w);
            let mut sponsor = None;
            with_initiative(world, *initiative, |it| {
                sponsor = it.sponsor;
                it.forecast = Some(ShipForecast {
                    made: w,
                    p50: w + p50,
                    p85: w + p85,
                    broken: false,
                });
            });
            // A date with a range calms whoever waits for the work (its sponsor, or everyone).
            let relief = world.resource::<SimParams>().forecast_anxiety_relief;
            all_stakeholders(world, |s| {
                if sponsor.is_none_or(|x| x == s.id) {
                    s.pulses.push(pulse(
                        PulseStock::Anxiety,
                        -relief,
                        w,
                        4.0,
                        Driver::Forecasts,
                    ));
                }
            });
            let name = initiative_name(world, *initiative);
            log(
                world,
                w,
                "forecast",
                Happened::Forecast,
                vec![Subject::Initiative(*initiative)],
                format!(
                    "Forecast for {name}: 50 % likely by week {}, 85 % by week {}",
                    w + p50,
                    w + p85
                ),
            );
        }
        KillInitiative { initiative } => {
            // Killing committed work breaks the commitment, as a missed date does: the team
            // failed, the sponsor (or every stakeholder) saw a promise broken.
            let mut broken = None;
            let mut sponsor_of = None;
            with_initiative(world, *initiative, |it| {
                sponsor_of = it.sponsor;
                if it.deadline.is_some() && !it.counted_missed {
                    it.counted_missed = true;
                    broken = Some((it.team, it.sponsor));
                }
                it.state = InitiativeState::Killed;
            });
            if let Some((team, sponsor)) = broken {
                let per_failure = world.resource::<SimParams>().waterfall_per_failure;
                with_team(world, team, |t| {
                    t.failures_recent += 1.0;
                    t.broken_promises.push(w);
                });
                all_stakeholders(world, |s| {
                    if sponsor.is_none_or(|x| x == s.id) {
                        s.broken_promises.push(w);
                        s.waterfall = (s.waterfall + per_failure).min(1.0);
                    }
                });
            }
            // Its sponsor's interests were overridden, committed date or not; work nobody in
            // particular sponsored was everyone's.
            let loss = world.resource::<SimParams>().kill_sponsor_benevolence;
            all_stakeholders(world, |st| {
                if sponsor_of.is_none_or(|x| x == st.id) {
                    st.pulses.push(Pulse {
                        stock: PulseStock::Benevolence,
                        amount: -loss,
                        start_week: w,
                        half_life: 26.0,
                        driver: crate::model::Driver::Declined,
                    });
                }
            });
            let name = initiative_name(world, *initiative);
            log(
                world,
                w,
                "action",
                Happened::Killed,
                vec![Subject::Initiative(*initiative)],
                if broken.is_some() {
                    format!("Stopped the initiative {name}, breaking its committed date")
                } else {
                    format!("Stopped the initiative {name}")
                },
            );
        }
        Descope { initiative } => with_initiative(world, *initiative, |it| {
            // §17.2: size ← done + core·(size − done); the effect keeps (0.5 + 0.5·core).
            let done = it.good_done + it.hidden_rework;
            it.size = done + it.core_fraction * (it.size - done).max(0.0);
            it.effect = it.effect.scaled(0.5 + 0.5 * it.core_fraction);
            it.descoped = true;
        }),
        _ => unreachable!("{} is not a data-driven action", a.kind()),
    }
}

/// PC cost of overriding a sponsored, fixed-scope item (§6.6, §17.2).
fn sponsor_cost(world: &World, it: &Initiative) -> f64 {
    match it.sponsor.and_then(|s| stakeholder(world, s)) {
        Some(s) if it.fixed_scope => {
            eq::sponsor_cost(s.power, s.trust(), &world.resource::<SimParams>().0)
        }
        _ => 0.0,
    }
}

/// An initiative's name for a log line (its number only if it is gone).
fn initiative_name(world: &World, id: InitiativeId) -> String {
    crate::sim::lookup::get::<Initiative>(world, id)
        .map_or_else(|| format!("#{}", id.0), |i| format!("\"{}\"", i.name))
}

/// Monte Carlo forecast over throughput samples (weeks to finish): (P50, P85).
pub fn monte_carlo_forecast(samples: &[f64], remaining: f64, seed: u64, w: u32) -> (u32, u32) {
    if samples.is_empty() || remaining <= 0.0 {
        return (0, 0);
    }
    let mut weeks: Vec<u32> = (0..200)
        .map(|trial| {
            let mut s = Stream::new(seed, Purpose::ActionRoll, 0xF0CA57 + trial, w, 0);
            let (mut left, mut n) = (remaining, 0u32);
            while left > 0.0 && n < 208 {
                left -= samples[s.below(samples.len())].max(0.01);
                n += 1;
            }
            n
        })
        .collect();
    weeks.sort_unstable();
    (weeks[100], weeks[170])
}
