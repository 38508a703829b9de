//! Market: adoption, churn, value fit and revenue of each product.

use super::*;

/// Per product: Σ activation, Π churn multiplier, Π acquisition, Σ ARPU, Σ value fit, and the
/// value-fit level of each shipped initiative.
pub(crate) type ShippedEffects = (f64, f64, f64, f64, f64, Vec<(InitiativeId, f64)>);

/// Product metrics from shipped effects, value fit, incidents (§4.8, §17.2).
pub fn market(
    clock: Res<Clock>,
    params: Res<SimParams>,
    run: Res<RunInfo>,
    index: Res<Index>,
    mut objectives: ResMut<Objectives>,
    initiatives: Query<&Initiative>,
    mut teams: Query<&mut Team>,
    mut products: Query<&mut Product>,
) {
    let w = clock.week;
    let p = &params.0;
    let seed = run.seed;
    // Shipped effects per product.
    let mut effects: BTreeMap<ProductId, ShippedEffects> = BTreeMap::new();
    for &ie in index.initiatives.values() {
        let Ok(it) = initiatives.get(ie) else {
            continue;
        };
        let Some(sw) = it.ship_week else { continue };
        let level = eq::adoption(f64::from(w) - f64::from(sw), p)
            * it.quality_at_ship
            * it.late_at_ship
            * it.fit_at_ship;
        let e = effects
            .entry(it.product)
            .or_insert((0.0, 1.0, 1.0, 0.0, 0.0, Vec::new()));
        e.0 += it.effect.activation * level;
        if it.effect.churn_mult > 0.0 {
            e.1 *= it.effect.churn_mult.powf(level);
        }
        e.2 *= 1.0 + it.effect.acquisition * level;
        e.3 += it.effect.arpu * level;
        e.4 += it.effect.value_fit * level;
        e.5.push((it.id, it.effect.value_fit * level));
    }
    let analytics = {
        let v: Vec<f64> = index
            .teams
            .values()
            .filter_map(|e| teams.get(*e).ok().map(|t| t.analytics))
            .collect();
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let mean_debt = {
        let v: Vec<f64> = index
            .teams
            .values()
            .filter_map(|e| teams.get(*e).ok().map(|t| t.debt))
            .collect();
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let mut incident_counts: BTreeMap<ProductId, u32> = BTreeMap::new();
    for (&pid, &pe) in &index.products {
        let Ok(mut pr) = products.get_mut(pe) else {
            continue;
        };
        let (act, churn_mult, acq, arpu, vf_level, _) =
            effects
                .remove(&pid)
                .unwrap_or((0.0, 1.0, 1.0, 0.0, 0.0, Vec::new()));
        if w > 0 {
            let lam = p.incident_per_escaped * pr.escaped_stock + p.incident_per_debt * mean_debt;
            let n = Stream::new(seed, Purpose::Incidents, u64::from(pid.0), w, 0).poisson(lam);
            for _ in 0..n {
                pr.incidents.push_back(w);
            }
            incident_counts.insert(pid, n);
            pr.escaped_stock *= 1.0 - p.escaped_drain;
            // VF adds the change in shipped effect levels, minus drift, plus shocks (§17.2).
            let dvf = vf_level - pr.vf_effect_prev;
            pr.value_fit = (pr.value_fit + dvf - p.value_fit_drift + pr.shocks).clamp(0.0, 100.0);
            pr.vf_ledger.add(Driver::Shipped, dvf);
            let shocks = pr.shocks;
            pr.vf_ledger.add(Driver::Drift, -p.value_fit_drift + shocks);
            let vf_now = pr.value_fit;
            let vf0 = pr.vf0;
            pr.vf_ledger.reconcile(vf_now, vf0);
            pr.shocks = 0.0;
            pr.vf_effect_prev = vf_level;
        }
        while pr
            .incidents
            .front()
            .is_some_and(|&x| w.saturating_sub(x) >= 4)
        {
            pr.incidents.pop_front();
        }
        let inc4 = pr.incidents.len() as f64;
        let inc_norm = (inc4 / 4.0).min(1.0);
        pr.activation = eq::activation(pr.a_base, pr.value_fit, pr.vf0, act, inc_norm);
        pr.monthly_churn = eq::monthly_churn(pr.c_base, pr.value_fit, pr.vf0, churn_mult, inc_norm);
        pr.pmf = eq::pmf(pr.value_fit);
        let pmf0 = eq::pmf(pr.vf0);
        if w > 0 {
            // Word of mouth relative to the starting PMF, so the scenario's start is steady (§17.4).
            let wom = (1.0 + p.word_of_mouth * (pr.pmf - 0.25).max(0.0))
                / (1.0 + p.word_of_mouth * (pmf0 - 0.25).max(0.0));
            let signups = pr.signups_base * acq * wom;
            let cw = eq::weekly_churn(pr.monthly_churn);
            pr.users = (pr.users * (1.0 - cw) + signups * pr.activation).max(0.0);
            let cohort = signups * pr.activation;
            pr.cohorts.push_back(cohort);
            while pr.cohorts.len() > 52 {
                pr.cohorts.pop_front();
            }
            pr.reliability = eq::smooth(
                pr.reliability,
                (100.0 - p.reliability_per_incident * inc4 - p.reliability_per_debt * mean_debt)
                    .clamp(0.0, 100.0),
                p.reliability_tau,
            );
        }
        pr.nps = eq::nps(pr.value_fit, pr.reliability);
        pr.revenue_w = pr.users * pr.paying_share * pr.arpu_month * (1.0 + arpu) / (52.0 / 12.0);
        if w == 0 {
            pr.revenue0 = pr.revenue_w;
        }
        // Dashboard: noisy, lagged by nothing but noise (σ_m = σ₀(1 − 0.7·M_a)); NPS survey noise.
        let mut s = Stream::new(seed, Purpose::DashboardNoise, u64::from(pid.0), w, 0);
        let sigma = p.dashboard_noise * (1.0 - p.analytics_noise_cut * analytics);
        let truth = pr.dashboard.true_values_week == Some(w);
        let noisy = |v: f64, s: &mut Stream| {
            if truth {
                v
            } else {
                v * (1.0 + sigma * s.normal())
            }
        };
        pr.dashboard.activation = noisy(pr.activation, &mut s);
        pr.dashboard.monthly_churn = noisy(pr.monthly_churn, &mut s);
        pr.dashboard.users = noisy(pr.users, &mut s);
        pr.dashboard.revenue_w = noisy(pr.revenue_w, &mut s);
        let nps_noise = Stream::new(seed, Purpose::NpsNoise, u64::from(pid.0), w, 0).normal()
            * p.nps_survey_noise;
        pr.dashboard.nps = if truth {
            pr.nps
        } else {
            (pr.nps + nps_noise + 100.0 * sigma * s.normal()).clamp(-100.0, 100.0)
        };
    }
    // Incidents load the teams that build the product and count as failures.
    let team_products: BTreeMap<TeamId, ProductId> = index
        .initiatives
        .values()
        .filter_map(|e| initiatives.get(*e).ok().map(|i| (i.team, i.product)))
        .collect();
    for (tid, te) in &index.teams {
        let prod = team_products.get(tid).copied().unwrap_or(ProductId(0));
        let n = f64::from(incident_counts.get(&prod).copied().unwrap_or(0));
        let Ok(mut t) = teams.get_mut(*te) else {
            continue;
        };
        t.incident_load = (p.incident_load_each * n).min(p.incident_load_cap);
        if n > 0.0 {
            t.failures_recent += p.incident_failure_weight * n;
        }
    }
    // Objective values.
    let products: BTreeMap<ProductId, (f64, f64, f64, f64, f64, f64)> = index
        .products
        .iter()
        .filter_map(|(id, e)| {
            products.get(*e).ok().map(|p| {
                (
                    *id,
                    (
                        p.activation,
                        p.monthly_churn,
                        p.revenue_w,
                        p.nps,
                        p.pmf,
                        p.users,
                    ),
                )
            })
        })
        .collect();
    for o in &mut objectives.0 {
        let Some(v) = products.get(&o.product) else {
            continue;
        };
        o.value = metric_value(o.metric, v);
        if w == 0 && o.baseline.is_nan() {
            o.baseline = o.value;
        }
    }
}

pub(crate) fn metric_value(m: Metric, v: &(f64, f64, f64, f64, f64, f64)) -> f64 {
    match m {
        Metric::Activation => v.0,
        Metric::MonthlyChurn => v.1,
        Metric::Retention6m => (1.0 - v.1).powi(6),
        Metric::Revenue => v.2,
        Metric::Nps => v.3,
        Metric::Pmf => v.4,
        Metric::Users => v.5,
    }
}
