//! Autosaves: the scenario's own text, the seed and every decision so far, written atomically
//! at the end of each week. Restoring replays the decisions (the simulation is deterministic),
//! so a save is small and can never drift from what the player saw.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::game::Game;
use crate::scenario;
use crate::sim::Action;

/// Bumped when the layout changes; older saves are refused with a message, never misread.
pub const SAVE_FORMAT: u32 = 1;

/// The autosave's name inside the save folder.
pub const AUTOSAVE: &str = "autosave.json";

/// What is written to disk.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct SaveFile {
    pub format: u32,
    pub version: String,
    /// Where the scenario came from (shown to the player; the text below is what is replayed).
    pub scenario_file: String,
    pub scenario_title: String,
    /// FNV-1a hash of the scenario text, hex.
    pub scenario_hash: String,
    /// The scenario file's text at the time the game started.
    pub scenario_text: String,
    pub seed: u64,
    /// Decisions of each finished week, week 1 first.
    pub decisions: Vec<Vec<Action>>,
    /// The simulation's behaviour version that played them (`model::MODEL_VERSION`); 0 for
    /// saves written before model versions existed.
    #[serde(default)]
    pub model_version: u32,
    /// The state hash after each finished week: a restore on the same model must reproduce
    /// every one, so a save never continues as a different game without saying so.
    #[serde(default)]
    pub week_hashes: Vec<String>,
}

/// A save's game continued on the current model after an upgrade.
pub struct Upgraded {
    pub game: Game,
    /// Saved decisions the current model no longer accepts.
    pub dropped: Vec<crate::headless::log::Dropped>,
}

impl SaveFile {
    pub fn of(game: &Game, scenario_text: &str) -> SaveFile {
        SaveFile {
            format: SAVE_FORMAT,
            version: env!("CARGO_PKG_VERSION").to_string(),
            scenario_file: game.scenario.file.clone(),
            scenario_title: game.scenario.raw.title.clone(),
            scenario_hash: format!("{:016x}", game.scenario.content_hash),
            scenario_text: scenario_text.to_string(),
            seed: game.seed,
            decisions: game.decisions.clone(),
            model_version: crate::model::MODEL_VERSION,
            week_hashes: game.week_hashes().to_vec(),
        }
    }

    /// Was the save made by another model version (so its game would not replay exactly)?
    pub fn from_another_model(&self) -> bool {
        self.model_version != crate::model::MODEL_VERSION
    }

    /// The saved scenario, checked against its hash.
    pub fn scenario(&self) -> Result<scenario::Scenario, String> {
        if self.format != SAVE_FORMAT {
            return Err(format!(
                "this save has format {} and this version of Orgcraft reads format {SAVE_FORMAT}",
                self.format
            ));
        }
        let sc =
            scenario::parse(&self.scenario_file, self.scenario_text.as_bytes()).map_err(|d| {
                format!(
                    "the saved scenario no longer loads: {}",
                    d.first().map(|x| x.to_string()).unwrap_or_default()
                )
            })?;
        let hash = format!("{:016x}", sc.content_hash);
        if hash != self.scenario_hash {
            return Err(format!(
                "the saved scenario text does not match its hash ({} ≠ {})",
                hash, self.scenario_hash
            ));
        }
        Ok(sc)
    }

    /// Continues a save of another model version on the current one: replays the decisions,
    /// skipping (and listing) any the current model refuses.
    pub fn restore_on_current_model(&self) -> Result<Upgraded, String> {
        let sc = self.scenario()?;
        let path = Some(PathBuf::from(&self.scenario_file)).filter(|p| p.exists());
        let (game, dropped) = Game::replay_tolerant(sc, path, self.seed, &self.decisions)
            .map_err(|e| format!("week {}: {}", e.week, e.message))?;
        Ok(Upgraded { game, dropped })
    }

    /// A fresh game of the saved scenario and seed (the player chose to start again).
    pub fn restart(&self) -> Result<Game, String> {
        let sc = self.scenario()?;
        let path = Some(PathBuf::from(&self.scenario_file)).filter(|p| p.exists());
        Ok(Game::new(sc, path, self.seed))
    }

    /// Rebuilds the game: parses the embedded scenario and replays every decision.
    /// Only for a save of the current model (see `from_another_model`): every week's state
    /// hash must come out as saved.
    pub fn restore(&self) -> Result<Game, String> {
        let sc = self.scenario()?;
        let path = Some(PathBuf::from(&self.scenario_file)).filter(|p| p.exists());
        let game = Game::replay(sc, path, self.seed, &self.decisions)
            .map_err(|e| format!("week {}: {}", e.week, e.message))?;
        if let Some((week, (saved, now))) = self
            .week_hashes
            .iter()
            .zip(game.week_hashes())
            .enumerate()
            .find(|(_, (a, b))| a != b)
        {
            return Err(format!(
                "week {}: the saved game does not replay exactly (state {now}, saved {saved})",
                week + 1
            ));
        }
        Ok(game)
    }
}

/// Writes `bytes` to `path` so that a crash leaves either the old file or the new one, never a
/// mix: write a temporary file beside it, flush it to disk, then rename over the old one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("json.tmp");
    {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    fs::rename(&tmp, path)?;
    // Make the rename itself durable (best effort: not every platform opens folders).
    if let Some(dir) = path.parent()
        && let Ok(d) = fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Where saves live: `$ORGCRAFT_SAVE_DIR`, else `$XDG_DATA_HOME/orgcraft`, else
/// `~/.local/share/orgcraft`, else `./orgcraft-saves`.
pub fn default_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("ORGCRAFT_SAVE_DIR") {
        return PathBuf::from(d);
    }
    if let Some(d) = std::env::var_os("XDG_DATA_HOME") {
        return PathBuf::from(d).join("orgcraft");
    }
    if let Some(h) = std::env::var_os("HOME") {
        return PathBuf::from(h).join(".local/share/orgcraft");
    }
    PathBuf::from("orgcraft-saves")
}

/// What the title screen learns about the autosave.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    None,
    /// A readable save: title, weeks played.
    Ready(SaveFile),
    /// A save exists but cannot be read; the message says why.
    Corrupt(String),
}

/// The save folder and its autosave.
#[derive(Clone, Debug)]
pub struct SaveStore {
    pub dir: PathBuf,
}

impl SaveStore {
    pub fn new(dir: PathBuf) -> SaveStore {
        SaveStore { dir }
    }

    pub fn autosave_path(&self) -> PathBuf {
        self.dir.join(AUTOSAVE)
    }

    /// Writes the autosave for `game` (atomically), and the game's decision log beside it
    /// (`logs/<scenario>-<seed>.json`, for `orgcraft replay`, `whatif` and `luck`).
    pub fn autosave(&self, game: &Game, scenario_text: &str) -> Result<(), String> {
        let save = SaveFile::of(game, scenario_text);
        let json = serde_json::to_vec_pretty(&save).map_err(|e| e.to_string())?;
        write_atomic(&self.autosave_path(), &json)
            .map_err(|e| format!("could not write {}: {e}", self.autosave_path().display()))?;
        let log = self.log_path(game);
        let json = serde_json::to_vec_pretty(&game.decision_log()).map_err(|e| e.to_string())?;
        write_atomic(&log, &json).map_err(|e| format!("could not write {}: {e}", log.display()))
    }

    /// Where `game`'s decision log is written.
    pub fn log_path(&self, game: &Game) -> PathBuf {
        if let Some(t) = &game.table {
            return self
                .dir
                .join("logs")
                .join(format!("{}.json", t.replace(['/', '\\', '.'], "_")));
        }
        self.dir.join("logs").join(format!(
            "{}-{}.json",
            game.scenario.raw.id.replace(['/', '\\', '.'], "_"),
            game.seed
        ))
    }

    /// Reads the autosave, if there is one.
    pub fn status(&self) -> SaveStatus {
        let p = self.autosave_path();
        if !p.exists() {
            return SaveStatus::None;
        }
        // A save is a few hundred kilobytes; 64 MB bounds a damaged or hostile one.
        let bytes = match crate::scenario::input::read_limited(&p, 64 << 20) {
            Ok(b) => b,
            Err(e) => return SaveStatus::Corrupt(format!("{} cannot be read: {e}", p.display())),
        };
        match serde_json::from_slice::<SaveFile>(&bytes) {
            Ok(s) => SaveStatus::Ready(s),
            Err(e) => SaveStatus::Corrupt(format!(
                "{} is damaged ({e}); it was set aside and a new game can start",
                p.display()
            )),
        }
    }

    /// Moves a damaged autosave out of the way (kept for a bug report, never deleted).
    pub fn set_aside(&self) -> Option<PathBuf> {
        let from = self.autosave_path();
        let to = self.dir.join("autosave.damaged.json");
        fs::rename(&from, &to).ok().map(|_| to)
    }

    /// Keeps a copy of the autosave made by another model version before the player's choice
    /// replaces it (`autosave.model-N.json`): an upgrade never loses a game.
    pub fn keep_old_model_copy(&self, model_version: u32) -> Option<PathBuf> {
        let to = self
            .dir
            .join(format!("autosave.model-{model_version}.json"));
        fs::copy(self.autosave_path(), &to).ok().map(|_| to)
    }

    /// Removes the autosave once its game has reached the debrief and been acknowledged.
    pub fn clear(&self) {
        let _ = fs::remove_file(self.autosave_path());
    }
}
