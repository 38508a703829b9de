//! Charts of the scores, sub-scores and key metrics over the weeks, each with a table that
//! says the same thing in text (Settings → charts as tables, or the "Table" toggle).

use bevy_egui::egui::{self, Color32, RichText, Ui};
use egui_plot::{Line, Plot, PlotPoints};

use super::widgets::{palette, section};
use crate::gui::game::Game;
use crate::gui::state::Command;
use crate::score::WeekScores;

/// One series: a name, a colour, and a value per week.
pub struct Series {
    pub name: &'static str,
    pub colour: Color32,
    pub points: Vec<[f64; 2]>,
}

fn series(
    hist: &[WeekScores],
    name: &'static str,
    colour: Color32,
    f: fn(&WeekScores) -> f64,
) -> Series {
    Series {
        name,
        colour,
        points: hist.iter().map(|w| [f64::from(w.week), f(w)]).collect(),
    }
}

/// The score series of a game (week 0 first).
pub fn score_series(hist: &[WeekScores]) -> Vec<Series> {
    vec![
        series(hist, "Culture", palette::BLUE, |w| w.culture),
        series(hist, "Product", palette::ORANGE, |w| w.product),
    ]
}

pub fn culture_subscores(hist: &[WeekScores]) -> Vec<Series> {
    vec![
        series(hist, "Westrum", palette::BLUE, |w| w.wgi),
        series(hist, "Psych safety", palette::SKY, |w| w.psych_safety),
        series(hist, "Engagement", palette::GREEN, |w| w.engagement),
        series(hist, "Retention", palette::PURPLE, |w| w.retention),
        series(hist, "Wellbeing", palette::ORANGE, |w| w.wellbeing),
        series(hist, "Growth", palette::VERMILLION, |w| w.growth),
    ]
}

pub fn product_subscores(hist: &[WeekScores]) -> Vec<Series> {
    vec![
        series(hist, "Outcomes", palette::BLUE, |w| w.outcomes),
        series(hist, "Customers", palette::SKY, |w| w.customers),
        series(hist, "Quality", palette::GREEN, |w| w.quality),
        series(hist, "Finance", palette::PURPLE, |w| w.finance),
        series(hist, "Stakeholder trust", palette::ORANGE, |w| w.trust),
    ]
}

/// Draws `s` as a plot over weeks 0 to `last_week`, or as a table when `as_table` is set.
///
/// The legend is a row of coloured names above the plot rather than egui_plot's overlay, which
/// sat on top of the lines in the corner where they end. The x axis always spans the whole
/// game, so a week-1 chart is not stretched around a single point (egui_plot centres one
/// point in an axis of ±50) and the lines grow to the right as the weeks pass.
pub fn chart(
    ui: &mut Ui,
    id: &str,
    title: &str,
    s: &[Series],
    as_table: bool,
    height: f32,
    last_week: u32,
) {
    section(ui, title);
    if as_table {
        table(ui, id, s);
        return;
    }
    legend(ui, s);
    let last_seen = s
        .iter()
        .flat_map(|x| x.points.iter().map(|p| p[0]))
        .fold(0.0_f64, f64::max);
    Plot::new(id)
        .height(height)
        .include_x(0.0)
        .include_x(f64::from(last_week.max(1)).max(last_seen))
        .include_y(0.0)
        .include_y(100.0)
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .x_axis_label("week")
        .show(ui, |p| {
            for x in s {
                p.line(
                    Line::new(x.name, PlotPoints::from(x.points.clone()))
                        .color(x.colour)
                        .width(2.0),
                );
            }
        });
}

/// The series' names in their colours, on one wrapping row.
fn legend(ui: &mut Ui, s: &[Series]) {
    ui.horizontal_wrapped(|ui| {
        for x in s {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 4.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 1.0, x.colour);
            ui.label(RichText::new(x.name).color(x.colour));
            ui.add_space(8.0);
        }
    });
}

/// The same series as a table: one row per week, one column per series.
pub fn table(ui: &mut Ui, id: &str, s: &[Series]) {
    egui::ScrollArea::horizontal().id_salt(id).show(ui, |ui| {
        egui::Grid::new(id).striped(true).show(ui, |ui| {
            ui.label(RichText::new("Week").strong());
            for x in s {
                ui.label(RichText::new(x.name).strong());
            }
            ui.end_row();
            let weeks = s.first().map(|x| x.points.len()).unwrap_or(0);
            for i in 0..weeks {
                ui.label(format!("{:.0}", s[0].points[i][0]));
                for x in s {
                    ui.label(format!(
                        "{:.1}",
                        x.points.get(i).map(|p| p[1]).unwrap_or(f64::NAN)
                    ));
                }
                ui.end_row();
            }
        });
    });
}

/// The charts tab: scores, sub-scores and key metrics.
pub fn all(ui: &mut Ui, g: &Game, as_table: bool, cmds: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let label = if as_table {
            "Show as charts  [T]"
        } else {
            "Show as tables  [T]"
        };
        if ui.button(label).clicked() {
            cmds.push(Command::ToggleTables);
        }
    });
    let hist = g.score_history();
    chart(
        ui,
        "scores",
        "Culture and product",
        &score_series(&hist),
        as_table,
        180.0,
        g.weeks(),
    );
    chart(
        ui,
        "culture_sub",
        "Culture sub-scores",
        &culture_subscores(&hist),
        as_table,
        180.0,
        g.weeks(),
    );
    chart(
        ui,
        "product_sub",
        "Product sub-scores",
        &product_subscores(&hist),
        as_table,
        180.0,
        g.weeks(),
    );
    let m = &g.metrics;
    let people = vec![
        Series {
            name: "Mean engagement",
            colour: palette::GREEN,
            points: m
                .iter()
                .map(|k| [f64::from(k.week), k.mean_engagement])
                .collect(),
        },
        Series {
            name: "Mean exhaustion",
            colour: palette::VERMILLION,
            points: m
                .iter()
                .map(|k| [f64::from(k.week), k.mean_exhaustion])
                .collect(),
        },
        Series {
            name: "Stakeholder trust",
            colour: palette::ORANGE,
            points: m
                .iter()
                .map(|k| [f64::from(k.week), k.stakeholder_trust])
                .collect(),
        },
    ];
    chart(
        ui,
        "people",
        "People and trust (0–100)",
        &people,
        as_table,
        160.0,
        g.weeks(),
    );
    section(ui, "Key metrics by week (dashboard values)");
    egui::Grid::new("metrics").striped(true).show(ui, |ui| {
        for h in ["Week", "People", "Users", "Revenue/wk", "PC"] {
            ui.label(RichText::new(h).strong());
        }
        ui.end_row();
        for k in m {
            ui.label(k.week.to_string());
            ui.label(k.people.to_string());
            ui.label(format!("{:.0}", k.users));
            ui.label(super::widgets::money(k.revenue_w));
            ui.label(format!("{:.1}", k.political_capital));
            ui.end_row();
        }
    });
}
