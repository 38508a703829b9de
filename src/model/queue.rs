//! A work-conserving FIFO service lane in continuous time (MODEL.md §8, §17.4).
//!
//! The provider team's lane serves dependency requests one after another at `rate` points per
//! week. Waits are *emergent* from this lane; Kingman's formula is only the displayed estimate,
//! so anchor A7 tests a real property of the queue rather than a formula.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub id: u64,
    /// Arrival time in weeks (may fall inside a week).
    pub arrival: f64,
    pub work: f64,
    pub remaining: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FifoLane {
    pub queue: VecDeque<Request>,
}

/// What one service interval did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Served {
    /// (request id, completion time).
    pub completed: Vec<(u64, f64)>,
    /// Points of capacity actually used.
    pub used: f64,
}

impl FifoLane {
    pub fn push(&mut self, req: Request) {
        self.queue.push_back(req);
    }

    /// Queued work in points.
    pub fn backlog(&self) -> f64 {
        self.queue.iter().map(|r| r.remaining).sum()
    }

    pub fn len(&self) -> usize {
        self.queue.len()
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }

    /// Serves the interval [t0, t1) at `rate` points/week, in arrival order.
    pub fn serve(&mut self, t0: f64, t1: f64, rate: f64) -> Served {
        let mut out = Served::default();
        if rate <= 0.0 {
            return out;
        }
        let mut t = t0;
        while let Some(front) = self.queue.front_mut() {
            let start = t.max(front.arrival);
            if start >= t1 {
                break;
            }
            let need = front.remaining / rate;
            if start + need <= t1 {
                t = start + need;
                out.used += front.remaining;
                out.completed.push((front.id, t));
                self.queue.pop_front();
            } else {
                let done = (t1 - start) * rate;
                front.remaining -= done;
                out.used += done;
                break;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serves_in_order_and_conserves_work() {
        let mut lane = FifoLane::default();
        lane.push(Request {
            id: 1,
            arrival: 0.2,
            work: 1.0,
            remaining: 1.0,
        });
        lane.push(Request {
            id: 2,
            arrival: 0.3,
            work: 2.0,
            remaining: 2.0,
        });
        let s = lane.serve(0.0, 1.0, 2.0);
        assert_eq!(s.completed, vec![(1, 0.7)]);
        assert!((s.used - 1.6).abs() < 1e-12);
        let s = lane.serve(1.0, 2.0, 2.0);
        assert_eq!(s.completed.len(), 1);
        assert!((s.completed[0].1 - 1.7).abs() < 1e-12);
    }
}
