//! The playing screen's frame: the status bar, the panels around the centre tabs and the
//! trainer's playtest banner. The panels live beside it: the selection tree (`tree`), the
//! centre tabs (`centre`), the details with the actions that apply (`details`) and the week
//! panel with the demand inbox and the queue (`week_panel`).

use bevy_egui::egui::{self, RichText, Ui};

use super::centre::{dependency_view, org_view, product_view, stakeholder_view};
use super::charts;
use super::details::details;
use super::guide;
use super::tree::tree;
use super::week_panel::week_panel;
use super::widgets::{delta, money, palette};
use crate::gui::game::Game;
use crate::gui::guide::Target;
use crate::gui::state::{Command, GuiState, Tab};
use crate::sim::{Budget, Leader};

pub use super::centre::{Edge, edges};
pub use super::details::shortcut_label;
pub use super::tree::selectables;

pub fn draw(ui: &mut Ui, st: &GuiState, cmds: &mut Vec<Command>) {
    let Some(g) = st.game.as_ref() else {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("No game in progress.");
        });
        return;
    };
    status_bar(ui, st, g, cmds);
    // Tall enough for two demands with their answers, or six queued actions; the player may
    // drag it taller. (It used to shrink to its content, which cut a demand's answers off.)
    egui::Panel::bottom("week_panel")
        .resizable(true)
        .default_size(200.0)
        .size_range(200.0..=420.0)
        .show(ui, |ui| week_panel(ui, g, cmds));
    egui::Panel::left("tree")
        .resizable(true)
        .default_size(220.0)
        .show(ui, |ui| tree(ui, st, g, cmds));
    // The details panel keeps its width whatever is selected (it grew with long rows and
    // covered the centre tabs); its rows wrap instead. The player may still drag it wider.
    let shown = egui::Panel::right("details")
        .resizable(true)
        .default_size(340.0)
        .size_range(280.0..=560.0)
        .show(ui, |ui| details(ui, st, g, cmds));
    guide::mark(ui.ctx(), Target::Details, shown.response.rect);
    egui::CentralPanel::default().show(ui, |ui| {
        let tabs = ui.horizontal(|ui| {
            for (i, t) in Tab::ALL.iter().enumerate() {
                let text = format!("{}  [F{}]", t.label(), i + 2);
                if ui.selectable_label(st.tab == *t, text).clicked() {
                    cmds.push(Command::Tab(*t));
                }
            }
        });
        guide::mark(ui.ctx(), Target::Tabs, tabs.response.rect);
        ui.separator();
        let centre = egui::ScrollArea::both()
            .auto_shrink([false, false])
            .show(ui, |ui| match st.tab {
                Tab::Map => super::org_map::org_map(ui, st, g, cmds),
                Tab::Org => org_view(ui, st, g, cmds),
                Tab::Dependencies => dependency_view(ui, g, cmds),
                Tab::Stakeholders => stakeholder_view(ui, st, g, cmds),
                Tab::Product => product_view(ui, g, cmds),
                Tab::Charts => charts::all(ui, g, st.settings.charts_as_tables, cmds),
            });
        if st.tab == Tab::Map {
            guide::mark(ui.ctx(), Target::Map, centre.inner_rect);
        }
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
        // One line at any width: the buttons sit at the right, and the scenario's title gets
        // what the other figures leave (measured on the previous frame), cut short with the
        // full title on hover. A fixed cut still wrapped "Menu" onto a second line at 1280 px.
        let rest_id = egui::Id::new("status_rest_width");
        egui::containers::Sides::new().shrink_left().show(
            ui,
            |ui| {
                let rest = ui.data(|d| d.get_temp::<f32>(rest_id)).unwrap_or(700.0);
                let title = &g.scenario.raw.title;
                let title_right = ui
                    .scope(|ui| {
                        ui.set_max_width((ui.available_width() - rest).clamp(60.0, 320.0));
                        ui.add(egui::Label::new(RichText::new(title).strong()).truncate())
                            .on_hover_text(title);
                    })
                    .response
                    .rect
                    .right();
                    ui.separator();
                    // Once the last week is played the epilogue has run on: the clock is past the end.
                    if g.is_over() {
                        ui.label(RichText::new(format!("All {} weeks played", g.weeks())).strong())
                            .on_hover_text("The game is over; the debrief shows what your decisions did.");
                    } else {
                        ui.label(RichText::new(format!("Week {} of {}", g.week(), g.weeks())).strong())
                            .on_hover_text(
                                "Each turn is a week. Queue actions, answer demands, then End Week.",
                            );
                    }
                    ui.separator();
                    ui.label(format!(
                        "Attention {:.1} of {:.1} AP",
                        room.ap.max(0.0),
                        leader.ap_per_week
                    ))
                    .on_hover_text(format!(
                        "Attention points: your time this week. Queued actions use {:.1}. Going over borrows from next week (overdraft), which tires you.",
                        q.ap
                    ));
                    if room.ap < -1e-9 {
                        // The overdraft, explained where it happens.
                        ui.label(
                            RichText::new(format!("overdrawn by {:.1}", -room.ap)).color(palette::VERMILLION),
                        )
                        .on_hover_text(
                            "You have queued more than this week's attention. The rest is borrowed: next week starts with that much less, and working beyond your time adds to your own exhaustion.",
                        );
                    }
                    ui.separator();
                    ui.label(format!("Political capital {:.1} PC", room.pc))
                        .on_hover_text("Political capital: goodwill with the powerful. Shielding and escalating spend it; demos, forecasts that come true and taking credit earn it.");
                    ui.separator();
                    let b = w.resource::<Budget>();
                    let quarter = w.resource::<crate::sim::SimParams>().quarter_weeks.max(1);
                    let week_in_quarter = (g.week().max(1) - 1) % quarter + 1;
                    ui.label(format!(
                        "Budget {} left (quarter week {week_in_quarter}/{quarter})",
                        money(room.money),
                    ))
                    .on_hover_text(format!(
                        "Money you can still commit this quarter: spent {} of {}. The budget is quarterly: a new quarter starts in {} week(s) with a fresh allowance, and what is unspent does not carry over. Above 110 % of the budget a hiring freeze starts.",
                        money(b.quarter_spent),
                        money(b.quarter_total),
                        quarter - week_in_quarter + 1
                    ));
                    ui.separator();
                    ui.label(format!("Culture {:.1}", sc.culture))
                        .on_hover_text("Culture score, 0–100: information flow, psychological safety, engagement, retention, wellbeing and growth.");
                    delta(ui, sc.culture - prev.culture);
                    ui.label(format!("Product {:.1}", sc.product))
                        .on_hover_text("Product success, 0–100: outcomes against goals, customers, quality, finances and stakeholder trust.");
                    delta(ui, sc.product - prev.product);
                let used = ui.min_rect().right() - title_right;
                if (used - rest).abs() > 0.5 {
                    ui.data_mut(|d| d.insert_temp(rest_id, used));
                    ui.ctx().request_repaint();
                }
            },
            |ui| {
                // Right to left: the first added is the rightmost.
                if ui.button("Menu [Esc]").clicked() {
                    cmds.push(Command::TogglePause);
                }
                if ui.button("Help [F1]").clicked() {
                    cmds.push(Command::OpenHelp);
                }
                    if g.scenario.raw.guided {
                        let label = if st.guide.hidden { "Show hints" } else { "Hide hints" };
                        if ui
                            .button(label)
                            .on_hover_text("The guided tour of the interface: hints that point at where things happen.")
                            .clicked()
                        {
                            cmds.push(Command::ToggleHints);
                        }
                    }
            },
        );
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
