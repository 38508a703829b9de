//! The playing screen: status bar, the selection tree, the centre tabs (org, dependencies,
//! stakeholders, product, charts), details with the actions that apply, the demand inbox and
//! the queue with undo and End Week.

use bevy::prelude::World;
use bevy_egui::egui::{self, Color32, RichText, Ui};

use super::charts;
use super::widgets::{Good, card_rows, cost_text, delta, key, meter, money, palette, section};
use crate::gui::catalog::{self, Selection, demand_name, name_of, response_explain};
use crate::gui::game::Game;
use crate::gui::state::{Command, GuiState, Tab};
use crate::sim::{
    ActionQueue, Budget, Clock, Contract, Dependency, Index, Initiative, InitiativeState, Leader,
    Org, Person, Product, Response, Stakeholder, Team,
};

/// Things the player can select, in the order `[` and `]` walk through them.
pub fn selectables(world: &World) -> Vec<Selection> {
    let idx = world.resource::<Index>();
    let mut v = vec![Selection::Org];
    for (tid, te) in &idx.teams {
        v.push(Selection::Team(*tid));
        for (pid, pe) in &idx.people {
            if world.get::<Person>(*pe).is_some_and(|p| p.team == *tid)
                && world.get::<Team>(*te).is_some()
            {
                v.push(Selection::Person(*pid));
            }
        }
    }
    v.extend(idx.stakeholders.keys().map(|s| Selection::Stakeholder(*s)));
    for (iid, ie) in &idx.initiatives {
        if world
            .get::<Initiative>(*ie)
            .is_some_and(Initiative::is_open)
        {
            v.push(Selection::Initiative(*iid));
        }
    }
    v.extend(idx.products.keys().map(|p| Selection::Product(*p)));
    v
}

pub fn draw(ui: &mut Ui, st: &GuiState, cmds: &mut Vec<Command>) {
    let Some(g) = st.game.as_ref() else {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("No game in progress.");
        });
        return;
    };
    status_bar(ui, st, g, cmds);
    egui::Panel::bottom("week_panel")
        .resizable(true)
        .default_size(240.0)
        .show(ui, |ui| week_panel(ui, st, g, cmds));
    egui::Panel::left("tree")
        .resizable(true)
        .default_size(220.0)
        .show(ui, |ui| tree(ui, st, g, cmds));
    egui::Panel::right("details")
        .resizable(true)
        .default_size(340.0)
        .show(ui, |ui| details(ui, st, g, cmds));
    egui::CentralPanel::default().show(ui, |ui| {
        ui.horizontal(|ui| {
            for (i, t) in Tab::ALL.iter().enumerate() {
                let text = format!("{}  [F{}]", t.label(), i + 2);
                if ui.selectable_label(st.tab == *t, text).clicked() {
                    cmds.push(Command::Tab(*t));
                }
            }
        });
        ui.separator();
        egui::ScrollArea::both()
            .auto_shrink([false, false])
            .show(ui, |ui| match st.tab {
                Tab::Org => org_view(ui, st, g, cmds),
                Tab::Dependencies => dependency_view(ui, g, cmds),
                Tab::Stakeholders => stakeholder_view(ui, st, g, cmds),
                Tab::Product => product_view(ui, g, cmds),
                Tab::Charts => charts::all(ui, g, st.settings.charts_as_tables, cmds),
            });
    });
}

fn status_bar(ui: &mut Ui, st: &GuiState, g: &Game, cmds: &mut Vec<Command>) {
    let w = g.world();
    let leader = w.resource::<Leader>();
    let room = g.room();
    let q = g.queued_cost();
    let sc = g.scores();
    let prev = g
        .summaries
        .last()
        .map(|s| s.before.clone())
        .unwrap_or_else(|| sc.clone());
    egui::Panel::top("status").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&g.scenario.raw.title).strong());
            ui.separator();
            ui.label(RichText::new(format!("Week {} of {}", g.week(), g.weeks())).strong())
                .on_hover_text("Each turn is a week. Queue actions, answer demands, then End Week.");
            ui.separator();
            ui.label(format!(
                "AP {:.1} of {:.1} left",
                room.ap.max(0.0),
                leader.ap_per_week
            ))
            .on_hover_text(format!(
                "Attention points: your time this week. Queued actions use {:.1}. Going over borrows from next week (overdraft), which tires you.",
                q.ap
            ));
            ui.separator();
            ui.label(format!("PC {:.1}", room.pc))
                .on_hover_text("Political capital: goodwill with the powerful. Shielding and escalating spend it; demos, forecasts that come true and taking credit earn it.");
            ui.separator();
            let b = w.resource::<Budget>();
            ui.label(format!(
                "Budget room {} · spent {} of {}",
                money(room.money),
                money(b.quarter_spent),
                money(b.quarter_total)
            ))
            .on_hover_text("Money you can still commit this quarter. Above 110 % of budget a hiring freeze starts.");
            ui.separator();
            ui.label(format!("Culture {:.1}", sc.culture))
                .on_hover_text("Culture score, 0–100: information flow, psychological safety, engagement, retention, wellbeing and growth.");
            delta(ui, sc.culture - prev.culture);
            ui.label(format!("Product {:.1}", sc.product))
                .on_hover_text("Product success, 0–100: outcomes against goals, customers, quality, finances and stakeholder trust.");
            delta(ui, sc.product - prev.product);
            ui.separator();
            if ui.button("Help [F1]").clicked() {
                cmds.push(Command::OpenHelp);
            }
            if ui.button("Menu [Esc]").clicked() {
                cmds.push(Command::TogglePause);
            }
        });
        if let Some(m) = &st.message {
            ui.label(RichText::new(m).color(palette::VERMILLION));
        }
    });
}

/// The trainer's playtest banner: the watched file's problems, or a restart offer.
pub fn playtest_banner(ui: &mut Ui, st: &GuiState, cmds: &mut Vec<Command>) {
    let Some(pt) = &st.playtest else {
        return;
    };
    let errors = pt
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::scenario::Severity::Error)
        .count();
    if pt.pending.is_none() && pt.diagnostics.is_empty() {
        return;
    }
    egui::Panel::top("playtest").show(ui, |ui| {
        if errors > 0 {
            ui.label(
                RichText::new(format!(
                    "Playtest: {} has {errors} error(s); {}",
                    pt.path.display(),
                    if st.game.is_some() {
                        "this game goes on with the version you started."
                    } else {
                        "fix and save it: it reloads by itself."
                    }
                ))
                .color(palette::VERMILLION)
                .strong(),
            );
        } else if pt.pending.is_some() {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(format!(
                        "Playtest: a new valid version of {} is ready.",
                        pt.path.display()
                    ))
                    .color(palette::BLUE)
                    .strong(),
                );
                if ui.button("Restart with it  [Ctrl+R]").clicked() {
                    cmds.push(Command::RestartPlaytest);
                }
            });
        }
        egui::ScrollArea::vertical()
            .max_height(90.0)
            .show(ui, |ui| {
                for d in &pt.diagnostics {
                    ui.label(RichText::new(d.to_string()).monospace().size(12.0));
                }
            });
    });
}

fn select_button(ui: &mut Ui, st: &GuiState, sel: Selection, text: impl Into<String>) -> bool {
    ui.selectable_label(st.selection == sel, text.into())
        .clicked()
}

fn tree(ui: &mut Ui, st: &GuiState, g: &Game, cmds: &mut Vec<Command>) {
    let w = g.world();
    let idx = w.resource::<Index>();
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.label(RichText::new("[ and ] walk the selection").weak());
        if select_button(ui, st, Selection::Org, "Organization (you)") {
            cmds.push(Command::Select(Selection::Org));
        }
        section(ui, "Teams");
        for (tid, te) in &idx.teams {
            let Some(t) = w.get::<Team>(*te) else {
                continue;
            };
            if select_button(ui, st, Selection::Team(*tid), &t.name) {
                cmds.push(Command::Select(Selection::Team(*tid)));
            }
            ui.indent(("members", tid.0), |ui| {
                for pe in idx.people.values() {
                    let Some(p) = w.get::<Person>(*pe) else {
                        continue;
                    };
                    if p.team != *tid {
                        continue;
                    }
                    let mut label = p.name.clone();
                    if p.notice.is_some() {
                        label.push_str(" (leaving)");
                    } else if p.flight_risk_revealed && p.flight_risk {
                        label.push_str(" ⚠");
                    }
                    if select_button(ui, st, Selection::Person(p.id), label) {
                        cmds.push(Command::Select(Selection::Person(p.id)));
                    }
                }
            });
        }
        section(ui, "Stakeholders");
        for se in idx.stakeholders.values() {
            if let Some(s) = w.get::<Stakeholder>(*se)
                && select_button(ui, st, Selection::Stakeholder(s.id), &s.name)
            {
                cmds.push(Command::Select(Selection::Stakeholder(s.id)));
            }
        }
        section(ui, "Initiatives");
        for ie in idx.initiatives.values() {
            if let Some(i) = w.get::<Initiative>(*ie)
                && i.is_open()
                && select_button(ui, st, Selection::Initiative(i.id), &i.name)
            {
                cmds.push(Command::Select(Selection::Initiative(i.id)));
            }
        }
        section(ui, "Products");
        for pe in idx.products.values() {
            if let Some(p) = w.get::<Product>(*pe)
                && select_button(ui, st, Selection::Product(p.id), &p.name)
            {
                cmds.push(Command::Select(Selection::Product(p.id)));
            }
        }
    });
}

/// The right panel: what is selected, then every action that applies, priced.
fn details(ui: &mut Ui, st: &GuiState, g: &Game, cmds: &mut Vec<Command>) {
    let w = g.world();
    egui::ScrollArea::vertical().show(ui, |ui| {
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
                let rel = w
                    .resource::<Org>()
                    .relations
                    .get(&crate::sim::actions::pair(a, b))
                    .cloned()
                    .unwrap_or_default();
                ui.label(format!("Interaction mode: {:?}", rel.mode));
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
            ui.horizontal(|ui| {
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
                    format!("✖ {cost}")
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
    ui.label(format!("Overtime policy: {:?}", org.overtime_policy.0));
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
                "• {:?} L{} for {} — arrives week {}",
                r.role,
                r.level,
                name_of::<Team>(w, r.team),
                r.fills_week
            ));
        }
    }
}

fn team_meters(ui: &mut Ui, t: &Team) {
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
    ui.label(format!("{:?} team · {:.0} people", t.kind, t.headcount));
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
fn person_row(ui: &mut Ui, w: &World, p: &Person, selected: Option<bool>) -> bool {
    let week = w.resource::<Clock>().week;
    let mut clicked = false;
    ui.horizontal(|ui| {
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
        ui.label(format!("{:?} L{}", p.role, p.level));
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
        warn.push(format!("resigned: leaves in {n} week(s)"));
    }
    if p.flight_risk_revealed {
        if p.flight_risk {
            warn.push("flight risk!".to_string());
        } else {
            info.push("no flight risk".to_string());
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
        "{:?}, level {} in {} · tenure {:.0} weeks",
        p.role,
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
    ui.label(format!(
        "Skills: soft {:.1} · team dev {:.1} · domain {:.1} · craft {:.1}",
        p.skills[0], p.skills[1], p.skills[2], p.skills[3]
    ))
    .on_hover_text("Skills on the four pillars, 0–10.");
    ui.label(format!(
        "Last 1:1 {}",
        p.last_1on1
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
        "{:?} by {} for {}",
        i.kind,
        name_of::<Team>(w, i.team),
        name_of::<Product>(w, i.product)
    ));
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
    if let Some(d) = i.deadline {
        ui.label(format!(
            "Deadline: week {d}{}",
            if i.fixed_scope { " (fixed scope)" } else { "" }
        ));
    }
    if let Some(s) = i.sponsor {
        ui.label(format!("Sponsor: {}", name_of::<Stakeholder>(w, s)));
    }
    ui.label(format!(
        "State: {:?} · blocked {} week(s) · experiments {}",
        i.state, i.blocked_weeks, i.experiments_run
    ));
}

fn stakeholder_card(
    ui: &mut Ui,
    w: &World,
    s: &Stakeholder,
    st: &GuiState,
    cmds: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
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
            "{:?} · power {:.0}% · waterfall {:.0}%",
            s.role,
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

fn product_card(ui: &mut Ui, w: &World, p: &Product) {
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
            let rows = [
                ("Users", format!("{:.0}", d.users), "Active users."),
                (
                    "Activation",
                    format!("{:.1}%", d.activation * 100.0),
                    "Share of new sign-ups that reach the product's core value.",
                ),
                (
                    "Monthly churn",
                    format!("{:.1}%", d.monthly_churn * 100.0),
                    "Share of users lost each month.",
                ),
                (
                    "Revenue",
                    format!("{}/wk", money(d.revenue_w)),
                    "Weekly revenue from paying users.",
                ),
                (
                    "NPS",
                    format!("{:.0}", d.nps),
                    "Net promoter score, −100 to 100.",
                ),
            ];
            for (k, v, tip) in rows {
                ui.label(k).on_hover_text(tip);
                ui.label(v).on_hover_text(tip);
                ui.end_row();
            }
        });
}

fn org_view(ui: &mut Ui, st: &GuiState, g: &Game, cmds: &mut Vec<Command>) {
    let w = g.world();
    let idx = w.resource::<Index>();
    let teams: Vec<&Team> = idx
        .teams
        .values()
        .filter_map(|e| w.get::<Team>(*e))
        .collect();
    card_rows(ui, &teams, 290.0, |ui, t| {
        if ui
            .selectable_label(
                st.selection == Selection::Team(t.id),
                RichText::new(&t.name).strong().size(16.0),
            )
            .clicked()
        {
            cmds.push(Command::Select(Selection::Team(t.id)));
        }
        team_meters(ui, t);
        ui.label(format!(
            "WIP {}/{} · blocked {} · {:.0} people",
            t.active_items, t.wip_limit, t.blocked_items, t.headcount
        ))
        .on_hover_text("Work in progress against the limit; blocked items wait on another team.");
        ui.separator();
        for pe in idx.people.values() {
            if let Some(p) = w.get::<Person>(*pe)
                && p.team == t.id
            {
                let sel = Some(st.selection == Selection::Person(p.id));
                if person_row(ui, w, p, sel) {
                    cmds.push(Command::Select(Selection::Person(p.id)));
                }
            }
        }
    });
}

/// One edge of the dependency graph: open requests from `consumer` to `provider`.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub consumer: crate::model::TeamId,
    pub provider: crate::model::TeamId,
    pub open: usize,
    pub remaining: f64,
    pub blocked_weeks: u32,
}

/// Aggregates the open dependencies per (consumer, provider) pair.
pub fn edges(w: &World) -> Vec<Edge> {
    let idx = w.resource::<Index>();
    let mut out: Vec<Edge> = Vec::new();
    for de in idx.dependencies.values() {
        let Some(d) = w.get::<Dependency>(*de) else {
            continue;
        };
        let open = d.remaining > 1e-9
            && crate::sim::lookup::get::<Initiative>(w, d.initiative)
                .is_some_and(|i| i.state != InitiativeState::Shipped && i.is_open());
        match out
            .iter_mut()
            .find(|e| e.consumer == d.consumer && e.provider == d.provider)
        {
            Some(e) => {
                if open {
                    e.open += 1;
                    e.remaining += d.remaining;
                    e.blocked_weeks += d.blocked_weeks;
                }
            }
            None => out.push(Edge {
                consumer: d.consumer,
                provider: d.provider,
                open: usize::from(open),
                remaining: if open { d.remaining } else { 0.0 },
                blocked_weeks: if open { d.blocked_weeks } else { 0 },
            }),
        }
    }
    out
}

fn dependency_view(ui: &mut Ui, g: &Game, cmds: &mut Vec<Command>) {
    let w = g.world();
    let idx = w.resource::<Index>();
    let teams: Vec<(crate::model::TeamId, String, usize)> = idx
        .teams
        .iter()
        .filter_map(|(id, e)| {
            w.get::<Team>(*e)
                .map(|t| (*id, t.name.clone(), t.blocked_items))
        })
        .collect();
    let es = edges(w);
    let size = egui::vec2(ui.available_width().clamp(300.0, 900.0), 320.0);
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let n = teams.len().max(1) as f32;
    let r = rect.height().min(rect.width()) * 0.36;
    let pos = |i: usize| {
        let a = std::f32::consts::TAU * i as f32 / n - std::f32::consts::FRAC_PI_2;
        rect.center() + egui::vec2(a.cos() * r * 1.5, a.sin() * r)
    };
    let text_col = ui.visuals().text_color();
    for e in &es {
        let (Some(ci), Some(pi)) = (
            teams.iter().position(|t| t.0 == e.consumer),
            teams.iter().position(|t| t.0 == e.provider),
        ) else {
            continue;
        };
        let (a, b) = (pos(ci), pos(pi));
        let col = if e.blocked_weeks > 0 {
            palette::VERMILLION
        } else if e.open > 0 {
            palette::ORANGE
        } else {
            Color32::GRAY
        };
        let width = if e.open > 0 { 3.0 } else { 1.0 };
        let dir = (b - a).normalized();
        let from = a + dir * 40.0;
        let to = b - dir * 40.0;
        painter.arrow(from, to - from, egui::Stroke::new(width, col));
        let mid = from + (to - from) * 0.5;
        painter.text(
            mid,
            egui::Align2::CENTER_CENTER,
            format!(
                "{} open · {:.0} pts · {} wk blocked",
                e.open, e.remaining, e.blocked_weeks
            ),
            egui::FontId::proportional(11.0),
            text_col,
        );
    }
    for (i, (_, name, blocked)) in teams.iter().enumerate() {
        let p = pos(i);
        painter.circle(
            p,
            34.0,
            ui.visuals().faint_bg_color,
            egui::Stroke::new(2.0, palette::BLUE),
        );
        painter.text(
            p,
            egui::Align2::CENTER_CENTER,
            format!("{name}\n{blocked} blocked"),
            egui::FontId::proportional(12.0),
            text_col,
        );
    }
    ui.label(RichText::new("Arrows point from the team that waits to the team it needs. Orange: open requests; vermillion: work blocked for weeks.").weak());
    section(ui, "Dependencies (table)");
    egui::Grid::new("deps").striped(true).show(ui, |ui| {
        ui.label(RichText::new("Waiting team").strong());
        ui.label(RichText::new("Needs").strong());
        ui.label(RichText::new("Open").strong());
        ui.label(RichText::new("Work left").strong());
        ui.label(RichText::new("Blocked weeks").strong());
        ui.label("");
        ui.end_row();
        for e in &es {
            ui.label(name_of::<Team>(w, e.consumer));
            ui.label(name_of::<Team>(w, e.provider));
            ui.label(e.open.to_string());
            ui.label(format!("{:.0} pts", e.remaining));
            ui.label(e.blocked_weeks.to_string());
            if ui.button("Select").clicked() {
                cmds.push(Command::Select(Selection::Pair(e.consumer, e.provider)));
            }
            ui.end_row();
        }
    });
    if es.is_empty() {
        ui.label("No dependencies between teams in this scenario.");
    }
}

fn stakeholder_view(ui: &mut Ui, st: &GuiState, g: &Game, cmds: &mut Vec<Command>) {
    let w = g.world();
    let idx = w.resource::<Index>();
    if idx.stakeholders.is_empty() {
        ui.label("No stakeholders in this scenario.");
    }
    let all: Vec<&Stakeholder> = idx
        .stakeholders
        .values()
        .filter_map(|e| w.get::<Stakeholder>(*e))
        .collect();
    card_rows(ui, &all, 330.0, |ui, s| {
        stakeholder_card(ui, w, s, st, cmds)
    });
}

fn product_view(ui: &mut Ui, g: &Game, cmds: &mut Vec<Command>) {
    let w = g.world();
    let idx = w.resource::<Index>();
    for pe in idx.products.values() {
        if let Some(p) = w.get::<Product>(*pe) {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width().min(520.0));
                product_card(ui, w, p);
                if ui.button("Select (review metrics)").clicked() {
                    cmds.push(Command::Select(Selection::Product(p.id)));
                }
            });
        }
    }
    section(ui, "Initiatives");
    egui::Grid::new("initiatives").striped(true).show(ui, |ui| {
        for h in ["Initiative", "Team", "State", "Reported", "Due", ""] {
            ui.label(RichText::new(h).strong());
        }
        ui.end_row();
        for ie in idx.initiatives.values() {
            let Some(i) = w.get::<Initiative>(*ie) else {
                continue;
            };
            ui.label(&i.name);
            ui.label(name_of::<Team>(w, i.team));
            ui.label(format!("{:?}", i.state));
            ui.label(format!("{:.0}%", i.perceived * 100.0));
            ui.label(i.deadline.map(|d| format!("wk {d}")).unwrap_or_default());
            if i.is_open() {
                if ui.button("Select").clicked() {
                    cmds.push(Command::Select(Selection::Initiative(i.id)));
                }
            } else {
                ui.label("");
            }
            ui.end_row();
        }
    });
}

/// The bottom panel: demand inbox, the queue with undo, End Week.
fn week_panel(ui: &mut Ui, st: &GuiState, g: &Game, cmds: &mut Vec<Command>) {
    let w = g.world();
    let org = w.resource::<Org>();
    let queue = w.resource::<ActionQueue>();
    ui.columns(3, |cols| {
        let ui = &mut cols[0];
        ui.label(RichText::new(format!("Inbox · {} demand(s)", org.demands.len())).strong())
            .on_hover_text("Stakeholder demands. Unanswered ones are complied with by default when they fall due.");
        if !org.demands.is_empty() {
            ui.label(
                RichText::new("Hover a response for its consequences and cost. Unanswered demands are complied with when due.")
                    .size(11.0)
                    .weak(),
            );
        }
        egui::ScrollArea::vertical()
            .id_salt("inbox")
            .show(ui, |ui| {
                if org.demands.is_empty() {
                    ui.label(RichText::new("No demands waiting.").weak());
                }
                for (di, d) in org.demands.iter().enumerate() {
                    let answered = queue.pending.iter().any(|a| {
                        matches!(a, crate::sim::Action::Respond { demand, .. } if *demand == d.id)
                    });
                    ui.label(format!(
                        "{}: {} for {} (answer by week {}){}",
                        name_of::<Stakeholder>(w, d.from),
                        demand_name(d.kind),
                        name_of::<Team>(w, d.team),
                        d.respond_by,
                        if answered { " — answered" } else { "" }
                    ));
                    ui.horizontal(|ui| {
                        for (r, k) in [
                            (Response::Comply, "C"),
                            (Response::Shield, "H"),
                            (Response::Reframe, "R"),
                            (Response::Escalate, "X"),
                        ] {
                            let a = crate::sim::Action::Respond {
                                demand: d.id,
                                response: r,
                            };
                            let price = g.price(&a);
                            let label = if di == 0 {
                                format!("{r:?} [{k}]")
                            } else {
                                format!("{r:?}")
                            };
                            let tip = match &price {
                                Ok(c) => format!("{} Cost: {}.", response_explain(r), cost_text(c)),
                                Err(e) => format!("{} Not possible now: {}.", response_explain(r), e.reason),
                            };
                            if ui
                                .add_enabled(price.is_ok() && !answered, egui::Button::new(label))
                                .on_hover_text(&tip)
                                .on_disabled_hover_text(&tip)
                                .clicked()
                            {
                                cmds.push(Command::Respond(d.id, r));
                            }
                        }
                    });
                }
            });
        let ui = &mut cols[1];
        let total = g.queued_cost();
        ui.label(RichText::new(format!("Queued for week {} · {}", g.week(), cost_text(&total))).strong())
            .on_hover_text("Actions happen when the week ends. Remove any of them until then.");
        egui::ScrollArea::vertical()
            .id_salt("queue")
            .show(ui, |ui| {
                if queue.pending.is_empty() {
                    ui.label(RichText::new("Nothing queued yet. Select a team, person or stakeholder to see what you can do.").weak());
                }
                for (i, a) in queue.pending.iter().enumerate() {
                    ui.horizontal(|ui| {
                        if ui
                            .small_button("Remove")
                            .on_hover_text("Remove this action (undo). [Z] removes the last one.")
                            .clicked()
                        {
                            cmds.push(Command::Undo(i));
                        }
                        ui.label(catalog::describe(w, a));
                    });
                }
            });
        let ui = &mut cols[2];
        ui.vertical_centered(|ui| {
            ui.add_space(8.0);
            let over = g.is_over();
            if over {
                if ui.button(RichText::new("See the debrief  [Enter]").strong().size(18.0)).clicked() {
                    cmds.push(Command::ShowDebrief);
                }
            } else if ui
                .add_sized(
                    [200.0, 44.0],
                    egui::Button::new(RichText::new(format!("End week {}  [E]", g.week())).strong().size(18.0)),
                )
                .on_hover_text("Play the week: your queued actions happen, then the org runs for a week.")
                .clicked()
            {
                cmds.push(Command::AskEndWeek);
            }
            ui.add_space(6.0);
            if ui.button("Undo last  [Z]").clicked() {
                cmds.push(Command::UndoLast);
            }
            if let Some(s) = g.summaries.last()
                && ui.button(format!("Week {} summary  [W]", s.week)).clicked()
            {
                cmds.push(Command::CloseOverlay);
                cmds.push(Command::ShowWeekSummary);
            }
            let _ = st;
        });
    });
}
