//! Culture and product-success scores (MODEL.md §9, §17.5), their weekly history, and the
//! "what moved it" attribution that the debrief shows.

use std::collections::BTreeMap;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::model::action::ActionKind;
use crate::model::eq;
use crate::model::ledger::{ALL_DRIVERS, CauseKind, Contribs, Driver};
use crate::sim::actions::attainment_unbounded;
use crate::sim::state::*;

/// One week's scores and sub-scores, all 0–100.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WeekScores {
    pub week: u32,
    pub epilogue: bool,
    pub culture: f64,
    pub product: f64,
    pub combined: f64,
    pub wgi: f64,
    pub psych_safety: f64,
    pub engagement: f64,
    pub retention: f64,
    pub wellbeing: f64,
    pub growth: f64,
    pub outcomes: f64,
    pub customers: f64,
    pub quality: f64,
    pub finance: f64,
    pub trust: f64,
    /// Westrum typology label from the mean item.
    pub westrum_label: String,
    /// The eleven components before they are scored against the caretaker, in `subscores`
    /// order: what the reference game records and the ledger explains.
    #[serde(default)]
    pub raw: [f64; 11],
}

/// What this game's components are scored against (§17.5).
#[derive(Resource, Clone, Debug, Default)]
pub enum ScoreReference {
    /// Not known yet: week 0 scores 50 everywhere (both games are the same world), and a
    /// played week without a reference shows its raw components.
    #[default]
    Pending,
    /// This is the caretaker's reference game itself: its components stay raw.
    Raw,
    /// The caretaker's raw components on the same scenario, seed and length, one entry per
    /// history row (week 0, the played weeks, then the epilogue).
    Caretaker(std::sync::Arc<Vec<[f64; 11]>>),
}

impl WeekScores {
    /// The sub-scores by name (culture's then product's), for tables and balance findings.
    pub fn subscores(&self) -> [(&'static str, f64); 11] {
        [
            ("wgi", self.wgi),
            ("psych_safety", self.psych_safety),
            ("engagement", self.engagement),
            ("retention", self.retention),
            ("wellbeing", self.wellbeing),
            ("growth", self.growth),
            ("outcomes", self.outcomes),
            ("customers", self.customers),
            ("quality", self.quality),
            ("finance", self.finance),
            ("trust", self.trust),
        ]
    }
}

/// A sub-score's name in plain words.
pub fn subscore_label(name: &str) -> &'static str {
    match name {
        "wgi" => "Culture · information flow (Westrum)",
        "psych_safety" => "Culture · psychological safety",
        "engagement" => "Culture · engagement",
        "retention" => "Culture · retention",
        "wellbeing" => "Culture · wellbeing",
        "growth" => "Culture · growth",
        "outcomes" => "Product · outcomes",
        "customers" => "Product · customers",
        "quality" => "Product · quality",
        "finance" => "Product · finance",
        "trust" => "Product · stakeholder trust",
        _ => "other",
    }
}

/// Weekly scores plus per-week attribution vectors (change since week 0, by driver).
#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize)]
pub struct ScoreHistory {
    pub weeks: Vec<WeekScores>,
    pub culture_contrib: Vec<Contribs>,
    pub product_contrib: Vec<Contribs>,
}

impl ScoreHistory {
    fn played(&self) -> impl Iterator<Item = &WeekScores> {
        self.weeks.iter().filter(|w| w.week > 0 && !w.epilogue)
    }
    fn last4(&self) -> Vec<&WeekScores> {
        let epi: Vec<&WeekScores> = self.weeks.iter().filter(|w| w.epilogue).collect();
        let src: Vec<&WeekScores> = if epi.len() >= 4 {
            epi
        } else {
            self.played().collect()
        };
        src.iter().rev().take(4).copied().collect()
    }
    /// Final blend (§9): 0.5 × run average + 0.5 × the last 4 weeks (of the epilogue, §17.5).
    pub fn final_scores(&self) -> (f64, f64, f64) {
        let played: Vec<&WeekScores> = self.played().collect();
        if played.is_empty() {
            let w0 = self.weeks.first().cloned().unwrap_or_default();
            return (w0.culture, w0.product, w0.combined);
        }
        let mean = |v: &[&WeekScores], f: fn(&WeekScores) -> f64| {
            v.iter().map(|x| f(x)).sum::<f64>() / v.len().max(1) as f64
        };
        let last = self.last4();
        let c = 0.5 * mean(&played, |x| x.culture) + 0.5 * mean(&last, |x| x.culture);
        let p = 0.5 * mean(&played, |x| x.product) + 0.5 * mean(&last, |x| x.product);
        (c, p, (c * p).max(0.0).sqrt())
    }
    /// Attribution of the final culture and product scores versus week 0, by driver.
    pub fn final_attribution(&self) -> (Contribs, Contribs) {
        let idx_played: Vec<usize> = (0..self.weeks.len())
            .filter(|&i| self.weeks[i].week > 0 && !self.weeks[i].epilogue)
            .collect();
        let idx_epi: Vec<usize> = (0..self.weeks.len())
            .filter(|&i| self.weeks[i].epilogue)
            .collect();
        let idx_last: Vec<usize> = if idx_epi.len() >= 4 {
            idx_epi.iter().rev().take(4).copied().collect()
        } else {
            idx_played.iter().rev().take(4).copied().collect()
        };
        let blend = |v: &[Contribs]| {
            let mut out = Contribs::default();
            for (set, w) in [(&idx_played, 0.5), (&idx_last, 0.5)] {
                if set.is_empty() {
                    continue;
                }
                for &i in set.iter() {
                    if let Some(c) = v.get(i) {
                        out.add_scaled(c, w / set.len() as f64);
                    }
                }
            }
            out
        };
        (blend(&self.culture_contrib), blend(&self.product_contrib))
    }
}

/// One cause in the debrief: a driver, its contribution in score points, and what it stands for.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Cause {
    pub driver: Driver,
    pub points: f64,
    pub kind: CauseKind,
    pub feedback_loop: Option<String>,
    pub action_weeks: Vec<u32>,
    pub sentence: String,
}

/// Which action kinds feed a driver (for "an action with its week").
pub fn actions_for(d: Driver) -> &'static [ActionKind] {
    use ActionKind as K;
    use Driver::*;
    match d {
        OneOnOnes | Coaching => &[K::OneOnOne, K::StayInterview],
        Growth | SkillGrowth => &[K::Mentor, K::Training, K::PairMentor, K::DevelopManager],
        Vision => &[K::VisionSession],
        Inquiry => &[K::BlamelessReview],
        Blame => &[K::Blame],
        Credit => &[K::ShareCredit, K::TakeCredit],
        Responsibility => &[K::TakeResponsibility],
        Defended | Support => &[K::Shield, K::Reframe, K::Escalate, K::Comply],
        Declined => &[K::Shield],
        Meetings => &[K::StrategySession],
        Transparency => &[K::DemoDay, K::DiscloseSlip],
        Layoff => &[K::Layoff],
        Contractors => &[K::HireContractors],
        Hiring => &[K::OpenRequisition],
        DebtPaydown => &[K::SetDebtShare],
        Overtime | Exhaustion => &[K::SetOvertimePolicy],
        Empowerment => &[K::SetDiscoveryShare],
        PriorityChurn | Pressure | Autonomy => &[K::Comply],
        _ => &[],
    }
}

/// Top positive and negative causes from an attribution vector.
pub fn top_causes(c: &Contribs, action_weeks: &ActionWeeks, n: usize) -> (Vec<Cause>, Vec<Cause>) {
    let mut all: Vec<Cause> = ALL_DRIVERS
        .iter()
        .filter(|d| **d != Driver::Initial)
        .map(|d| {
            let pts = c.get(*d);
            let mut weeks: Vec<u32> = actions_for(*d)
                .iter()
                .filter_map(|k| action_weeks.of(*k))
                .flatten()
                .copied()
                .collect();
            weeks.sort_unstable();
            weeks.dedup();
            let kind = d.cause_kind();
            let mut sentence = format!("{} {:+.1}", capitalise(d.label()), pts);
            if !weeks.is_empty() && matches!(kind, CauseKind::Action | CauseKind::Policy) {
                let shown: Vec<String> = weeks.iter().take(6).map(u32::to_string).collect();
                sentence.push_str(&format!(
                    " (your actions in week{} {}{})",
                    if weeks.len() > 1 { "s" } else { "" },
                    shown.join(", "),
                    if weeks.len() > 6 { ", …" } else { "" }
                ));
            }
            if let Some(l) = d.feedback_loop() {
                sentence.push_str(&format!("; part of {}", l.name()));
            }
            Cause {
                driver: *d,
                points: pts,
                kind,
                feedback_loop: d.feedback_loop().map(|l| l.name().to_string()),
                action_weeks: weeks,
                sentence,
            }
        })
        .filter(|c| c.points.abs() >= 0.05)
        .collect();
    all.sort_by(|a, b| b.points.total_cmp(&a.points).then(a.driver.cmp(&b.driver)));
    let pos: Vec<Cause> = all
        .iter()
        .filter(|c| c.points > 0.0)
        .take(n)
        .cloned()
        .collect();
    let mut neg: Vec<Cause> = all.iter().filter(|c| c.points < 0.0).cloned().collect();
    neg.reverse();
    neg.truncate(n);
    (pos, neg)
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Westrum typology from the mean item (thresholds [G]).
pub fn westrum_label(mean_item: f64) -> &'static str {
    if mean_item < 3.5 {
        "pathological"
    } else if mean_item < 5.0 {
        "bureaucratic"
    } else {
        "generative"
    }
}

/// The score plugin: owns `ScoreHistory` and adds `scoring` to the turn, after every phase
/// of the simulation and before the turn closes (`TurnSet::Scoring`).
pub fn plugin(app: &mut App) {
    app.init_resource::<ScoreHistory>();
    app.init_resource::<ScoreReference>();
    app.add_systems(
        crate::sim::Turn,
        scoring.in_set(crate::sim::TurnSet::Scoring),
    );
}

/// Scoring system: computes this week's scores and their attribution (§9). Week 0 (a new
/// game's spawn pass, also in a reused world) starts a new history.
#[allow(clippy::too_many_arguments)]
pub fn scoring(
    clock: Res<Clock>,
    params: Res<SimParams>,
    idx: Res<Index>,
    org: Res<Org>,
    budget: Res<Budget>,
    objectives: Res<Objectives>,
    mut hist: ResMut<ScoreHistory>,
    reference: Res<ScoreReference>,
    people: Query<(&Person, &PersonDrivers)>,
    teams: Query<&Team>,
    stakeholders: Query<&Stakeholder>,
    products: Query<&Product>,
) {
    let w = clock.week;
    if w == 0 {
        *hist = ScoreHistory::default();
    }
    let epilogue = clock.epilogue;
    let (people, drivers): (Vec<&Person>, Vec<&PersonDrivers>) = idx
        .people
        .values()
        .filter_map(|e| people.get(*e).ok())
        .unzip();
    let teams: Vec<&Team> = idx
        .teams
        .values()
        .filter_map(|e| teams.get(*e).ok())
        .collect();
    let stakeholders: Vec<&Stakeholder> = idx
        .stakeholders
        .values()
        .filter_map(|e| stakeholders.get(*e).ok())
        .collect();
    let products: Vec<&Product> = idx
        .products
        .values()
        .filter_map(|e| products.get(*e).ok())
        .collect();
    let p = &params.0;

    // ---- Culture.
    let team_size: BTreeMap<_, f64> = teams.iter().map(|t| (t.id, t.headcount.max(0.0))).collect();
    let heads: f64 = team_size.values().sum::<f64>().max(1.0);
    let weighted =
        |f: &dyn Fn(&Team) -> f64| teams.iter().map(|t| f(t) * t.headcount).sum::<f64>() / heads;
    let mean_item = weighted(&|t| t.westrum.iter().sum::<f64>() / 6.0);
    let wgi = ((mean_item - 1.0) / 6.0 * 100.0).clamp(0.0, 100.0);
    let ps = weighted(&|t| t.psych_safety);
    let n = people.len().max(1) as f64;
    let mean_e = people.iter().map(|x| x.engagement).sum::<f64>() / n;
    let share_engaged = people.iter().filter(|x| x.engagement >= 65.0).count() as f64 / n;
    let eng = 0.5 * mean_e + 0.5 * 100.0 * share_engaged;
    let employees: Vec<&&Person> = people
        .iter()
        .filter(|x| x.contract == Contract::Employee)
        .collect();
    let annual = if employees.is_empty() {
        0.0
    } else {
        employees
            .iter()
            .map(|x| eq::annual_turnover(x.hazard))
            .sum::<f64>()
            / employees.len() as f64
    };
    let layoff_rate =
        f64::from(org.layoffs) / (employees.len() as f64 + f64::from(org.layoffs)).max(1.0) * 52.0
            / f64::from(w.max(13));
    // Raw components are not clamped: a bound would pin them, and the score against the
    // caretaker keeps them inside 0–100 (§17.5).
    let ret = 100.0 * (1.0 - (annual + 0.5 * layoff_rate) / 0.26);
    let mean_x = people.iter().map(|x| x.exhaustion).sum::<f64>() / n;
    let share_burnt = people.iter().filter(|x| x.exhaustion >= 70.0).count() as f64 / n;
    let well = 100.0 - mean_x - 30.0 * share_burnt;
    // GROW over a trailing 13-week window with a small prior (§17.4).
    let vested13: f64 = people
        .iter()
        .map(|x| x.vested_log.iter().rev().take(13).sum::<f64>())
        .sum::<f64>()
        / n;
    let weeks_seen = f64::from(w.clamp(1, 13));
    let per_year = (vested13 + 0.5) / (weeks_seen + 2.0) * 52.0;
    let grow = 100.0 * per_year / 10.0;

    // ---- Product.
    let total_w: f64 = objectives.0.iter().map(|o| o.weight).sum();
    let out = if total_w > 0.0 {
        100.0
            * objectives
                .0
                .iter()
                .map(|o| o.weight * attainment_unbounded(o))
                .sum::<f64>()
            / total_w
    } else {
        50.0
    };
    let np = products.len().max(1) as f64;
    let cust = products
        .iter()
        .map(|pr| 0.5 * 100.0 * (pr.pmf / 0.5).min(1.0) + 0.5 * (pr.nps + 100.0) / 2.0)
        .sum::<f64>()
        / np;
    let rel = products.iter().map(|pr| pr.reliability).sum::<f64>() / np;
    let mean_debt = if teams.is_empty() {
        0.0
    } else {
        teams.iter().map(|t| t.debt).sum::<f64>() / teams.len() as f64
    };
    // Escaped-defect rate per shipped point, trailing, with a neutral prior (§17.5).
    let escaped: f64 = teams.iter().map(|t| t.escaped_total).sum();
    let shipped_good: f64 = teams.iter().map(|t| t.good_output_total).sum();
    let esc_rate = (escaped + 0.1 * 10.0) / (shipped_good + 10.0);
    let qual =
        0.5 * rel + 0.25 * (100.0 - mean_debt) + 0.25 * 100.0 * (1.0 - (esc_rate / 0.3).min(1.0));
    let revenue: f64 = products.iter().map(|pr| pr.revenue_w).sum();
    let plan = if budget.revenue_plan_week > 0.0 {
        budget.revenue_plan_week
    } else {
        products.iter().map(|pr| pr.revenue0).sum::<f64>().max(1.0)
    };
    // Spend against the weekly allowances in force so far (a mid-quarter cut counts from then on);
    // at the quarter's last week the counters have just been reset, so use the full quarter.
    let week_in_q = ((w.max(1) - 1) % p.quarter_weeks) + 1;
    let (spent, allowed) = if week_in_q == p.quarter_weeks || budget.allowance_to_date <= 0.0 {
        (budget.last_quarter_spent, budget.last_quarter_allowance)
    } else {
        (budget.quarter_spent, budget.allowance_to_date)
    };
    let spend_ratio = if allowed > 0.0 { spent / allowed } else { 1.0 };
    let spend_ratio = if w == 0 { 1.0 } else { spend_ratio };
    let fin = 100.0
        * (0.6 * (revenue / plan).min(1.2) / 1.2
            + 0.4 * (1.0 - 2.0 * ((spend_ratio - 1.0).abs() - 0.05).max(0.0)));
    let pw: f64 = stakeholders.iter().map(|s| s.power).sum();
    let trust = if pw > 0.0 {
        stakeholders
            .iter()
            .map(|s| s.power * s.trust())
            .sum::<f64>()
            / pw
    } else {
        50.0
    };

    // ---- Each component against the caretaker's in the same week (§17.5).
    let raw = [wgi, ps, eng, ret, well, grow, out, cust, qual, fin, trust];
    let scales = [
        p.score_scale_westrum,
        p.score_scale_safety,
        p.score_scale_engagement,
        p.score_scale_retention,
        p.score_scale_wellbeing,
        p.score_scale_growth,
        p.score_scale_outcomes,
        p.score_scale_customers,
        p.score_scale_quality,
        p.score_scale_finance,
        p.score_scale_trust,
    ];
    let row = hist.weeks.len();
    let care: Option<[f64; 11]> = match &*reference {
        ScoreReference::Raw => None,
        // Week 0 is the same world in both games.
        _ if w == 0 => Some(raw),
        ScoreReference::Caretaker(rows) => rows.get(row).copied(),
        ScoreReference::Pending => None,
    };
    let mut comp = [0.0; 11];
    // d(score)/d(raw) of each component: the secant through the caretaker's point, which
    // makes the ledger below exact.
    let mut slope = [1.0; 11];
    for k in 0..11 {
        // Product components are scored against where the product stood (outcomes: against
        // the objectives' own baselines, so an objective unmoved scores 50): a product is
        // judged by whether it got better, so a game that ships nothing cannot look fine next
        // to a caretaker who ships nothing either. Culture is scored against the caretaker:
        // people are judged by how they fared next to a caretaker in the same situation.
        if k >= 6 && !matches!(&*reference, ScoreReference::Raw) {
            let anchor = product_anchor(k, &raw, hist.weeks.first());
            comp[k] = eq::against_caretaker(raw[k], anchor, scales[k]);
            let d = raw[k] - anchor;
            slope[k] = if d.abs() > 1e-9 {
                (comp[k] - 50.0) / d
            } else {
                50.0 / scales[k].max(1e-9)
            };
            continue;
        }
        match care {
            Some(c) => {
                comp[k] = eq::against_caretaker(raw[k], c[k], scales[k]);
                let d = raw[k] - c[k];
                slope[k] = if d.abs() > 1e-9 {
                    (comp[k] - 50.0) / d
                } else {
                    50.0 / scales[k].max(1e-9)
                };
            }
            None if matches!(&*reference, ScoreReference::Raw) => comp[k] = raw[k],
            None => comp[k] = raw[k].clamp(0.0, 100.0),
        }
    }
    let [
        wgi_s,
        ps_s,
        eng_s,
        ret_s,
        well_s,
        grow_s,
        out_s,
        cust_s,
        qual_s,
        fin_s,
        trust_s,
    ] = comp;
    let culture = eq::culture_score(
        &eq::CultureParts {
            westrum: wgi_s,
            safety: ps_s,
            engagement: eng_s,
            retention: ret_s,
            wellbeing: well_s,
            growth: grow_s,
        },
        p,
    );
    let product = eq::product_score(
        &eq::ProductParts {
            outcomes: out_s,
            customers: cust_s,
            quality: qual_s,
            finance: fin_s,
            trust: trust_s,
        },
        p,
    );

    let scores = WeekScores {
        week: w,
        epilogue,
        culture,
        product,
        combined: (culture * product).max(0.0).sqrt(),
        wgi: wgi_s,
        psych_safety: ps_s,
        engagement: eng_s,
        retention: ret_s,
        wellbeing: well_s,
        growth: grow_s,
        outcomes: out_s,
        customers: cust_s,
        quality: qual_s,
        finance: fin_s,
        trust: trust_s,
        westrum_label: westrum_label(mean_item).to_string(),
        raw,
    };

    // ---- Attribution versus week 0 (§9.3): each component's change is split through the stock
    // ledgers it is linear in; what those do not explain is booked to the component's own line.
    let base = hist.weeks.first().cloned();
    let mean_people = |f: &dyn Fn(&PersonDrivers) -> Contribs| {
        let mut m = Contribs::default();
        for x in &drivers {
            m.add_scaled(&f(x), 1.0 / n);
        }
        m
    };
    let e_l = mean_people(&|x| x.engagement_ledger);
    // Exhaustion ledger holds X itself; its decaying Initial line is recovery of the starting state.
    let x_l = mean_people(&|x| {
        let mut c = x.exhaustion_ledger;
        let init = c.get(Driver::Initial);
        c.0[Driver::Initial as usize] = 0.0;
        c.add(Driver::Recovery, init - x.exhaustion_ledger_start());
        c
    });
    let mut ps_l = Contribs::default();
    for t in &teams {
        ps_l.add_scaled(&t.ps_ledger, t.headcount / heads);
    }
    let mut vf_l = Contribs::default();
    for pr in &products {
        vf_l.add_scaled(&pr.vf_ledger, 1.0 / np);
    }
    let mut debt_l = Contribs::default();
    for t in &teams {
        let mut c = t.debt_ledger;
        c.0[Driver::Initial as usize] = 0.0;
        debt_l.add_scaled(&c, 1.0 / teams.len().max(1) as f64);
    }
    let dcust_dvf = {
        let vf = products.iter().map(|x| x.value_fit).sum::<f64>() / np;
        let f = |v: f64| {
            0.5 * 100.0 * (eq::pmf(v) / 0.5).min(1.0) + 0.5 * (eq::nps(v, rel) + 100.0) / 2.0
        };
        (f(vf + 0.5) - f(vf - 0.5)).max(0.0)
    };
    let mut cc = Contribs::default();
    let mut pc = Contribs::default();
    if let Some(b) = &base {
        // Books one component's change since week 0, `weight·Δscore`. Against the caretaker,
        // Δscore = slope·(raw − raw₀) − slope·(caretaker − raw₀): the first part is the player's
        // own movement, split by `explained` (raw units) with the rest on the component's own
        // line; the second is what the caretaker's game did in the same weeks anyway, booked
        // to the situation (`Initial`).
        let book = |c: &mut Contribs, k: usize, weight: f64, explained: &Contribs, own: Driver| {
            let mut e = *explained;
            e.0[Driver::Initial as usize] = 0.0;
            e.0[Driver::Residual as usize] = 0.0;
            let g = slope[k];
            let left = (raw[k] - b.raw[k]) - e.sum();
            c.add_scaled(&e, weight * g);
            c.add(own, weight * g * left);
            if let Some(cr) = care {
                let against = if k >= 6 {
                    product_anchor(k, &raw, Some(b))
                } else {
                    cr[k]
                };
                c.add(Driver::Initial, -weight * g * (against - b.raw[k]));
            }
        };
        let d_raw = |k: usize| raw[k] - b.raw[k];
        book(&mut cc, 1, p.w_safety, &ps_l, Driver::Safety);
        book(
            &mut cc,
            0,
            p.w_westrum,
            &ps_l.scaled(0.2667),
            Driver::Westrum,
        );
        book(
            &mut cc,
            2,
            p.w_engagement,
            &proportional(&e_l, d_raw(2)),
            Driver::Engagement,
        );
        book(
            &mut cc,
            3,
            p.w_retention,
            &Contribs::default(),
            Driver::Retention,
        );
        book(
            &mut cc,
            4,
            p.w_wellbeing,
            &proportional(&x_l.scaled(-1.0), d_raw(4)),
            Driver::Wellbeing,
        );
        book(
            &mut cc,
            5,
            p.w_growth,
            &Contribs::default(),
            Driver::SkillGrowth,
        );
        book(
            &mut pc,
            6,
            p.w_outcomes,
            &Contribs::default(),
            Driver::Outcomes,
        );
        book(
            &mut pc,
            7,
            p.w_customers,
            &vf_l.scaled(dcust_dvf),
            Driver::Customers,
        );
        book(
            &mut pc,
            8,
            p.w_quality,
            &debt_l.scaled(-0.25),
            Driver::Quality,
        );
        book(
            &mut pc,
            9,
            p.w_finance,
            &Contribs::default(),
            Driver::Finance,
        );
        // Trust is geometric (A^0.4·B^0.3·I^0.3): split each stakeholder's change by log shares,
        // exact for large moves, then within a dimension by that dimension's ledger lines.
        let mut tr = Contribs::default();
        for s in &stakeholders {
            let k = s.power / pw.max(1e-9);
            let st0 = eq::stakeholder_trust(s.a0, s.b0, s.i0);
            let st = s.trust();
            let lnr = (st.max(1e-6) / st0.max(1e-6)).ln();
            if lnr.abs() < 1e-9 {
                continue;
            }
            for (x, x0, wgt, ledger) in [
                (s.ability, s.a0, 0.4, &s.ability_ledger),
                (s.benevolence, s.b0, 0.3, &s.benevolence_ledger),
                (s.integrity, s.i0, 0.3, &s.integrity_ledger),
            ] {
                let share = wgt * (x.max(1e-6) / x0.max(1e-6)).ln() / lnr;
                if (x - x0).abs() > 1e-9 {
                    tr.add_scaled(ledger, k * (st - st0) * share / (x - x0));
                }
            }
        }
        book(&mut pc, 10, p.w_trust, &tr, Driver::StakeholderTrust);
        // Rounding only: the lines now sum to the score change.
        let gap_c = (culture - b.culture) - cc.sum();
        cc.add(Driver::Residual, gap_c);
        let gap_p = (product - b.product) - pc.sum();
        pc.add(Driver::Residual, gap_p);
    }
    hist.weeks.push(scores);
    hist.culture_contrib.push(cc);
    hist.product_contrib.push(pc);
}

/// What product component `k` (6–10) is scored against: 0 for outcomes (each objective's own
/// baseline), else the component at week 0 (`raw` itself in week 0).
fn product_anchor(k: usize, raw: &[f64; 11], week0: Option<&WeekScores>) -> f64 {
    if k == 6 {
        0.0
    } else {
        week0.map_or(raw[k], |b| b.raw[k])
    }
}

/// Scales a ledger so its lines sum to `delta` (local linearisation of a non-linear component),
/// when the ledger explains a change of the same sign; otherwise explains nothing.
fn proportional(ledger: &Contribs, delta: f64) -> Contribs {
    let mut l = *ledger;
    l.0[Driver::Initial as usize] = 0.0;
    l.0[Driver::Residual as usize] = 0.0;
    let total = l.sum();
    if total.abs() < 1e-6 || total.signum() != delta.signum() {
        return Contribs::default();
    }
    l.scaled(delta / total)
}
