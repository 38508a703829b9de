//! The playing screen's right panel: what is selected, its meters and cards, then every
//! action that applies, priced (the cards are shared with the centre tabs).

use bevy::prelude::World;
use bevy_egui::egui::{self, RichText, Ui};

use super::widgets::{Good, cost_text, key, meter, money, palette, section};
use crate::gui::catalog::{self, Selection, demand_name, name_of};
use crate::gui::game::Game;
use crate::gui::state::{Command, GuiState};
use crate::sim::{
    Clock, Contract, Index, Initiative, InitiativeState, Leader, Org, Person, Product, Stakeholder,
    Team,
};

/// The right panel: what is selected, then every action that applies, priced.
pub(super) fn details(ui: &mut Ui, st: &GuiState, g: &Game, cmds: &mut Vec<Command>) {
    let w = g.world();
    // Filling the panel: a shrinking scroll area let the panel narrow frame by frame.
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        match st.selection {
            Selection::Org => org_details(ui, g),
            Selection::Team(t) => match crate::sim::lookup::get::<Team>(w, t) {
                Some(t) => team_details(ui, w, t),
                None => {
                    ui.label("This team no longer exists.");
                }
            },
            Selection::Person(p) => match crate::sim::lookup::get::<Person>(w, p) {
                Some(p) => person_details(ui, w, p),
                None => {
                    ui.label("This person has left.");
                }
            },
            Selection::Stakeholder(s) => {
                if let Some(s) = crate::sim::lookup::get::<Stakeholder>(w, s) {
                    stakeholder_card(ui, w, s, st, cmds);
                }
            }
            Selection::Initiative(i) => {
                if let Some(i) = crate::sim::lookup::get::<Initiative>(w, i) {
                    initiative_details(ui, w, i);
                }
            }
            Selection::Product(p) => {
                if let Some(p) = crate::sim::lookup::get::<Product>(w, p) {
                    product_card(ui, w, p);
                }
            }
            Selection::Pair(a, b) => {
                ui.heading(format!(
                    "{} and {}",
                    name_of::<Team>(w, a),
                    name_of::<Team>(w, b)
                ));
                let rel = w.resource::<Org>().relation(a, b);
                ui.label(format!("Interaction mode: {}", rel.mode.label()));
                meter(
                    ui,
                    "Alignment",
                    rel.alignment * 100.0,
                    Good::High,
                    "How much the two teams agree on priorities: dependency work is picked up sooner when high.",
                );
                meter(
                    ui,
                    "Congruence",
                    rel.congruence * 100.0,
                    Good::High,
                    "How well the teams' communication matches their code dependencies (Conway).",
                );
            }
        }
        section(ui, "Actions");
        let opts = catalog::options(w, st.selection);
        if opts.is_empty() {
            ui.label("Nothing to do here.");
        }
        for (i, o) in opts.iter().enumerate() {
            let shortcut = shortcut_label(i);
            let price = g.price(&o.action);
            ui.horizontal_wrapped(|ui| {
                ui.label(key(&shortcut));
                let (enabled, cost) = match &price {
                    Ok(c) => (true, cost_text(c)),
                    Err(r) => (false, r.reason.clone()),
                };
                let resp = ui
                    .add_enabled(enabled, egui::Button::new(&o.label))
                    .on_hover_text(o.explain)
                    .on_disabled_hover_text(format!("Not possible now: {cost}"));
                if resp.clicked() {
                    cmds.push(Command::Queue(o.action.clone()));
                }
                ui.label(RichText::new(if enabled {
                    cost
                } else {
                    format!("not now: {cost}")
                })
                .weak());
            });
            ui.label(RichText::new(o.explain).size(11.5).weak());
        }
    });
}

/// The label of the n-th action's key: 1–9, then 0.
pub fn shortcut_label(i: usize) -> String {
    match i {
        0..=8 => format!("{}", i + 1),
        9 => "0".into(),
        _ => " ".into(),
    }
}

fn org_details(ui: &mut Ui, g: &Game) {
    let w = g.world();
    let leader = w.resource::<Leader>();
    let org = w.resource::<Org>();
    ui.heading("Your organization");
    ui.label(format!(
        "Overtime policy: {}",
        org.overtime_policy.0.label()
    ));
    meter(
        ui,
        "Your exhaustion",
        leader.exhaustion,
        Good::Low,
        "Your own exhaustion: overdrawn attention points raise it; when high you have fewer AP.",
    );
    ui.label(format!(
        "People: {} · hires so far {} · resignations {} · layoffs {}",
        w.resource::<Index>().people.len(),
        org.hires,
        org.voluntary_exits,
        org.layoffs
    ));
    if !org.requisitions.is_empty() {
        section(ui, "Open requisitions");
        for r in &org.requisitions {
            ui.label(format!(
                "• {}, level {} for {} — arrives week {}",
                r.role.label(),
                r.level,
                name_of::<Team>(w, r.team),
                r.fills_week
            ));
        }
    }
}

pub(super) fn team_meters(ui: &mut Ui, t: &Team) {
    meter(
        ui,
        "Psych safety",
        t.psych_safety,
        Good::High,
        "Psychological safety: can people speak up, admit mistakes, take risks? Drives learning, quality and engagement (Edmondson).",
    );
    meter(
        ui,
        "Autonomy",
        t.autonomy * 100.0,
        Good::High,
        "How much the team decides how to reach its goals. Fixed plans and injected features erode it.",
    );
    meter(
        ui,
        "Tech debt",
        t.debt,
        Good::Low,
        "Technical debt: slows every change and causes incidents; paid down with a debt share.",
    );
}

fn team_details(ui: &mut Ui, w: &World, t: &Team) {
    ui.heading(&t.name);
    ui.label(format!(
        "{} team · {:.0} people",
        t.kind.label(),
        t.headcount
    ));
    team_meters(ui, t);
    ui.label(format!(
        "WIP {} of limit {} · blocked {} · capacity {:.1} pts/wk",
        t.active_items, t.wip_limit, t.blocked_items, t.capacity
    ))
    .on_hover_text("Work in progress against the WIP limit; blocked items wait on another team.");
    ui.label(format!(
        "Discovery {:.0}% · debt paydown {:.0}% · schedule pressure {:.0}%",
        t.discovery_share * 100.0,
        t.debt_share * 100.0,
        t.schedule_pressure * 100.0
    ));
    let idx = w.resource::<Index>();
    section(ui, "Work");
    for ie in idx.initiatives.values() {
        if let Some(i) = w.get::<Initiative>(*ie)
            && i.team == t.id
            && i.is_open()
        {
            ui.label(format!(
                "• {} — {:.0}% (reported) {}",
                i.name,
                i.perceived * 100.0,
                i.deadline
                    .map(|d| format!("· due week {d}"))
                    .unwrap_or_default()
            ));
        }
    }
}

/// A person's name, role and meters. With `selected`, the name is a button that selects them.
pub(super) fn person_row(ui: &mut Ui, w: &World, p: &Person, selected: Option<bool>) -> bool {
    let week = w.resource::<Clock>().week;
    let mut clicked = false;
    ui.horizontal_wrapped(|ui| {
        match selected {
            Some(sel) => {
                clicked = ui
                    .selectable_label(sel, RichText::new(&p.name).strong())
                    .on_hover_text("Select to see details and actions")
                    .clicked();
            }
            None => {
                ui.label(RichText::new(&p.name).strong());
            }
        }
        ui.label(format!("{}, level {}", p.role.label(), p.level));
        if matches!(p.contract, Contract::Contractor { .. }) {
            ui.label(RichText::new("contractor").weak());
        }
    });
    meter(
        ui,
        "Engagement",
        p.engagement,
        Good::High,
        "Engagement (Gallup Q12 style): energy and commitment. Low engagement raises the quit hazard.",
    );
    meter(
        ui,
        "Exhaustion",
        p.exhaustion,
        Good::Low,
        "Exhaustion (Maslach): overtime and pressure raise it; rest lowers it. High exhaustion means defects and resignations.",
    );
    let mut warn = Vec::new();
    let mut info = Vec::new();
    if let Some(n) = p.notice {
        // Once someone has resigned, their risk of leaving is no longer the news (a playtest
        // read "resigned" directly above "no flight risk").
        let weeks = if n == 1 { "week" } else { "weeks" };
        warn.push(format!("has resigned: leaves in {n} {weeks}"));
    } else if p.flight_risk_revealed {
        // What a 1:1 revealed: the chance of leaving within a year, as a band.
        let yearly = crate::model::eq::annual_turnover(p.hazard);
        if crate::gui::moments::likely_to_leave(p) {
            warn.push("likely to leave: talk about what would keep them".to_string());
        } else if yearly >= 0.15 {
            info.push("might leave this year".to_string());
        } else {
            info.push("not thinking of leaving".to_string());
        }
    }
    if p.assimilation < 0.95 {
        info.push(format!(
            "new: ramping up, {:.0}% effective",
            p.assimilation * 100.0
        ));
    }
    if !p.is_available(week + 1) {
        info.push("away".into());
    }
    if p.brilliant_jerk && p.drivers_revealed {
        warn.push("brilliant jerk".into());
    }
    if !warn.is_empty() {
        ui.label(RichText::new(warn.join(" · ")).color(palette::ORANGE));
    }
    if !info.is_empty() {
        ui.label(RichText::new(info.join(" · ")).weak());
    }
    clicked
}

fn person_details(ui: &mut Ui, w: &World, p: &Person) {
    ui.heading(&p.name);
    ui.label(format!(
        "{}, level {} in {} · tenure {:.0} weeks",
        p.role.label(),
        p.level,
        name_of::<Team>(w, p.team),
        p.tenure_w
    ));
    person_row(ui, w, p, None);
    meter(
        ui,
        "Trust in you",
        p.trust_in_leader,
        Good::High,
        "How much this person trusts you: 1:1s, credit and responsibility build it; blame and broken promises cost it.",
    );
    ui.label(super::map_tips::skills_line(p)).on_hover_text(
        "Skills on the four pillars, 0–100: soft skills (stakeholders, negotiation, collaboration), team development (coaching others), domain (what customers need) and craft (technical and design quality).",
    );
    ui.label(format!(
        "Last 1:1 {}",
        crate::sim::lookup::get::<crate::sim::PersonDrivers>(w, p.id)
            .and_then(|d| d.last_1on1)
            .map(|x| format!("in week {x}"))
            .unwrap_or_else(|| "never".into())
    ));
    if !p.flight_risk_revealed {
        ui.label(
            RichText::new("Flight risk unknown: a 1:1 or a stay interview may reveal it.").weak(),
        );
    }
}

fn initiative_details(ui: &mut Ui, w: &World, i: &Initiative) {
    ui.heading(&i.name);
    ui.label(format!(
        "{} by {} for {}",
        i.kind.label(),
        name_of::<Team>(w, i.team),
        name_of::<Product>(w, i.product)
    ));
    if let Some(week) = i.ship_week.filter(|_| i.state == InitiativeState::Shipped) {
        ui.label(format!(
            "Shipped in week {week}{}",
            if i.credited {
                " · the credit for it has been given"
            } else {
                " · nobody has been credited yet (credit counts within 4 weeks of a release)"
            }
        ));
    } else {
        ui.label(format!(
            "Reported progress {:.0}% of {:.0} points{}",
            i.perceived * 100.0,
            i.size,
            if i.disclosed || i.revealed {
                format!(" · true progress {:.0}%", i.true_frac() * 100.0)
            } else {
                String::new()
            }
        ))
        .on_hover_text(
            "Reported progress can hide rework: a watermelon is green outside and red inside.",
        );
    }
    if let Some(d) = i.deadline {
        ui.label(format!(
            "Deadline: week {d}{}",
            if i.fixed_scope { " (fixed scope)" } else { "" }
        ));
    }
    if let Some(s) = i.sponsor {
        ui.label(format!("Sponsor: {}", name_of::<Stakeholder>(w, s)));
    }
    if let Some(f) = super::map_tips::forecast_line(i) {
        ui.label(f)
        .on_hover_text("From the org's recent throughput (Monte Carlo). While it is fresh, stakeholders take it instead of imposing a fixed-date plan on this team; shipping by the 85 % week builds their trust in your dates.");
    }
    ui.label(format!(
        "{} · blocked {} week(s) · experiments {}",
        i.state.label(),
        i.blocked_weeks,
        i.experiments_run
    ));
}

pub(super) fn stakeholder_card(
    ui: &mut Ui,
    w: &World,
    s: &Stakeholder,
    st: &GuiState,
    cmds: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        if ui
            .selectable_label(
                st.selection == Selection::Stakeholder(s.id),
                RichText::new(&s.name).strong().size(15.0),
            )
            .clicked()
        {
            cmds.push(Command::Select(Selection::Stakeholder(s.id)));
        }
        ui.label(format!(
            "{} · power {:.0}% · waterfall {:.0}%",
            s.role.label(),
            s.power * 100.0,
            s.waterfall * 100.0
        ))
        .on_hover_text("Power: how much their trust counts. Waterfall: how strongly they push fixed plans, status reports and deadlines.");
    });
    meter(
        ui,
        "Ability",
        s.ability,
        Good::High,
        "Trust in your ability (Mayer): demos, forecasts that come true and delivered commitments build it.",
    );
    meter(
        ui,
        "Benevolence",
        s.benevolence,
        Good::High,
        "Trust that you care about their goals: meetings and goals addressed build it; declines cost it.",
    );
    meter(
        ui,
        "Integrity",
        s.integrity,
        Good::High,
        "Trust that you tell the truth: disclosures build it; watermelons and broken promises cost it.",
    );
    meter(
        ui,
        "Anxiety",
        s.anxiety,
        Good::Low,
        "An anxious stakeholder makes more demands. Transparency and trust calm them.",
    );
    let pending: Vec<_> = w
        .resource::<Org>()
        .demands
        .iter()
        .filter(|d| d.from == s.id)
        .collect();
    if !pending.is_empty() {
        ui.label(format!(
            "Demands waiting: {}",
            pending
                .iter()
                .map(|d| demand_name(d.kind))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
}

pub(super) fn product_card(ui: &mut Ui, w: &World, p: &Product) {
    let week = w.resource::<Clock>().week;
    let d = &p.dashboard;
    let exact = d.true_values_week == Some(week);
    ui.label(RichText::new(&p.name).strong().size(15.0));
    ui.label(if exact {
        RichText::new("True values (metrics reviewed this week)").color(palette::BLUE)
    } else {
        RichText::new("Dashboard values are noisy: invest in analytics or review metrics")
            .color(palette::ORANGE)
    });
    egui::Grid::new(("product", p.id.0))
        .striped(true)
        .show(ui, |ui| {
            use crate::scenario::Metric;
            let users = |x: f64| format!("{x:.0}");
            let share = |x: f64| format!("{:.1}%", x * 100.0);
            let weekly = |x: f64| format!("{}/wk", money(x));
            let whole = |x: f64| format!("{x:.0}");
            /// A dashboard row: label, metric, value, how it is written, what it means.
            type Row<'a> = (&'a str, Metric, f64, &'a dyn Fn(f64) -> String, &'a str);
            let rows: [Row; 5] = [
                ("Users", Metric::Users, d.users, &users, "Active users."),
                (
                    "Activation",
                    Metric::Activation,
                    d.activation,
                    &share,
                    "Share of new sign-ups that reach the product's core value.",
                ),
                (
                    "Monthly churn",
                    Metric::MonthlyChurn,
                    d.monthly_churn,
                    &share,
                    "Share of users lost each month.",
                ),
                (
                    "Revenue",
                    Metric::Revenue,
                    d.revenue_w,
                    &weekly,
                    "Weekly revenue from paying users.",
                ),
                ("NPS", Metric::Nps, d.nps, &whole, "Net promoter score, −100 to 100."),
            ];
            let clock = w.resource::<Clock>();
            let weeks_left = clock.weeks.saturating_sub(clock.week);
            let objectives = w.resource::<crate::sim::Objectives>();
            for (k, metric, value, shown, tip) in rows {
                ui.label(k).on_hover_text(tip);
                ui.label(shown(value)).on_hover_text(tip);
                // The goal beside its metric: target, how far the dashboard says you have come
                // from where it started, and the weeks left.
                if let Some(o) = objectives
                    .0
                    .iter()
                    .find(|o| o.metric == metric && o.product == p.id)
                {
                    let span = o.target - o.baseline;
                    let progress = if span.abs() > 1e-12 {
                        ((value - o.baseline) / span).clamp(0.0, 1.0)
                    } else {
                        1.0
                    };
                    ui.label(
                        RichText::new(format!(
                            "goal {} · {:.0}% of the way from {} · {weeks_left} week{} left",
                            shown(o.target),
                            progress * 100.0,
                            shown(o.baseline),
                            if weeks_left == 1 { "" } else { "s" }
                        ))
                        .color(palette::BLUE),
                    )
                    .on_hover_text(
                        "A goal of this scenario. Progress is read on the dashboard above, so it is as noisy as the dashboard.",
                    );
                } else {
                    ui.label("");
                }
                ui.end_row();
            }
        });
}
