//! Trainer playtest: watches the scenario file the game was started on and hands each new
//! version to `GuiState::playtest_changed` (which revalidates it; the game keeps running).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use bevy::prelude::*;
use notify::{RecursiveMode, Watcher};

use super::state::GuiState;

/// How long the file must stay quiet before a change counts (editors often write in two steps).
const DEBOUNCE: Duration = Duration::from_millis(200);

/// Wakes the window's event loop from the watcher's thread, so an idle window need not poll.
pub type Waker = Box<dyn Fn() + Send + Sync + 'static>;

/// A file watcher (notify) with a small debounce: editors often write a file in two steps.
pub struct Watch {
    path: PathBuf,
    /// When each change to the file happened (the debounce counts from there, not from when a
    /// frame polled).
    rx: Receiver<Instant>,
    _watcher: notify::RecommendedWatcher,
    changed_at: Option<Instant>,
}

impl Watch {
    /// Watches `path`'s folder (editors replace files by renaming, which a file watch misses).
    /// `wake`, when given, is called a little after each change to the file, once the debounce
    /// has passed, so that a window sleeping until input notices it (measured: waking once a
    /// second to poll instead redrew the whole window every 1–2 s, 7 % of a core on
    /// `dependency_hell` with the software renderer).
    pub fn new(path: &Path, wake: Option<Waker>) -> notify::Result<Watch> {
        let (tx, rx) = channel();
        let name = path.file_name().map(|n| n.to_os_string());
        let wake = wake.map(std::sync::Arc::new);
        let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
            if let Ok(ev) = ev
                && ev
                    .paths
                    .iter()
                    .any(|p| p.file_name().map(|n| n.to_os_string()) == name)
            {
                let _ = tx.send(Instant::now());
                if let Some(wake) = &wake {
                    // After the debounce, from a thread of its own (not to hold up the
                    // watcher's): the last of several quick writes wakes it when it counts.
                    let wake = wake.clone();
                    std::thread::spawn(move || {
                        std::thread::sleep(DEBOUNCE + Duration::from_millis(50));
                        wake();
                    });
                }
            }
        })?;
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        watcher.watch(dir, RecursiveMode::NonRecursive)?;
        Ok(Watch {
            path: path.to_path_buf(),
            rx,
            _watcher: watcher,
            changed_at: None,
        })
    }

    /// True once the file changed and then stayed quiet for 200 ms.
    pub fn poll(&mut self) -> bool {
        while let Ok(at) = self.rx.try_recv() {
            self.changed_at = Some(self.changed_at.map_or(at, |t| t.max(at)));
        }
        match self.changed_at {
            Some(t) if t.elapsed() >= DEBOUNCE => {
                self.changed_at = None;
                true
            }
            _ => false,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Each frame: if the watched file changed, revalidate it.
pub fn poll_system(w: Option<NonSendMut<Watch>>, mut st: NonSendMut<GuiState>) {
    let Some(mut w) = w else {
        return;
    };
    if w.poll() {
        let bytes = crate::scenario::read_source(w.path()).map_err(|e| e.to_string());
        st.playtest_changed(bytes);
    }
}
