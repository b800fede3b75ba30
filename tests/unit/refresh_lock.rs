//! Unit tests of `crate::credentials::refresh_lock` (a private module), compiled as its child
//! `tests` module: the lock on a scripted file system whose other processes act at exact points.

use super::*;
use crate::credentials::HostMethods;
use crate::http::transport::{BoxFuture, HttpRequest, HttpResponse, TransportError};
use std::sync::{Arc, Mutex};

const LOCK: &str = "/cfg/.refresh-0123456789abcdef.lock";

/// The lock file as every process sees it, the clock, and what happened, in order.
#[derive(Debug, Default)]
struct World {
    /// Who holds the lock file (`None`: it does not exist), and its modification time.
    lock: Option<(&'static str, f64)>,
    now: f64,
    events: Vec<String>,
    /// Runs at the next look at the lock's age, before the look (then is cleared); false when
    /// that look falls in a gap (the file was gone for an instant).
    on_look: Option<fn(&mut World) -> bool>,
    /// Every look finds nothing, though creating fails: a dangling link.
    blind: bool,
    /// Nothing can be created: a read-only folder.
    read_only: bool,
    /// Runs at each sleep of this process.
    on_sleep: Option<fn(&mut World)>,
}

#[derive(Debug, Clone, Default)]
struct Fs(Arc<Mutex<World>>);

impl HostMethods for Fs {
    fn env(&self, _: &str) -> Option<String> {
        None
    }
    fn read_file(&self, _: &str) -> std::result::Result<Option<String>, String> {
        Ok(None)
    }
    fn home_dir(&self) -> Option<String> {
        None
    }
    fn now_ms(&self) -> f64 {
        self.0.lock().unwrap().now
    }
    fn create_new(&self, _: &str) -> std::result::Result<bool, String> {
        let mut w = self.0.lock().unwrap();
        if w.read_only {
            return Err("read-only file system".into());
        }
        if w.lock.is_some() {
            return Ok(false);
        }
        w.lock = Some(("us", w.now));
        w.events.push("we took it".into());
        Ok(true)
    }
    fn remove_file(&self, _: &str) {
        let mut w = self.0.lock().unwrap();
        if let Some((holder, _)) = w.lock.take() {
            w.events.push(format!("we removed {holder}'s lock"));
        }
    }
    fn modified_ms(&self, _: &str) -> Option<f64> {
        let mut w = self.0.lock().unwrap();
        // `on_look` says whether the look itself finds the file (false: it fell in a gap).
        let seen = match w.on_look.take() {
            Some(act) => act(&mut w),
            None => !w.blind,
        };
        w.lock.filter(|_| seen).map(|(_, at)| at)
    }
}

impl Transport for Fs {
    fn send(&self, _: HttpRequest) -> BoxFuture<'_, std::result::Result<HttpResponse, TransportError>> {
        unreachable!("taking the lock sends nothing")
    }
    fn sleep(&self, duration: Duration) -> BoxFuture<'_, std::result::Result<(), TransportError>> {
        let mut w = self.0.lock().unwrap();
        w.now += duration.as_millis() as f64;
        if let Some(act) = w.on_sleep {
            act(&mut w);
        }
        Box::pin(std::future::ready(Ok(())))
    }
}

fn fs(world: World) -> Fs {
    Fs(Arc::new(Mutex::new(World {
        now: 1_000_000.0,
        ..world
    })))
}

fn events(fs: &Fs) -> Vec<String> {
    fs.0.lock().unwrap().events.clone()
}

#[tokio::test]
async fn a_lock_released_while_looking_is_never_removed_from_its_next_holder() {
    // X holds the lock. Between our failed create and our look at its age, X releases it and Y
    // creates it anew, and the look falls in between: it finds nothing. Y's lock must stay
    // until Y releases it.
    let fs = fs(World {
        lock: Some(("X", 1_000_000.0)),
        on_look: Some(|w| {
            w.lock = Some(("Y", w.now));
            w.events.extend(["X released it".into(), "Y took it".into()]);
            false
        }),
        on_sleep: Some(|w| {
            if matches!(w.lock, Some(("Y", _))) {
                w.lock = None;
                w.events.push("Y released it".into());
            }
        }),
        ..World::default()
    });
    assert_eq!(acquire(&fs, &fs, LOCK).await.unwrap(), Lock::Held);
    assert_eq!(
        events(&fs),
        ["X released it", "Y took it", "Y released it", "we took it"],
        "taken only once Y let go"
    );
}

#[tokio::test]
async fn a_stale_lock_is_taken_over_and_a_live_one_waited_for_until_the_deadline() {
    let stale = fs(World {
        lock: Some(("a dead process", 1_000_000.0 - 61_000.0)),
        ..World::default()
    });
    assert_eq!(acquire(&stale, &stale, LOCK).await.unwrap(), Lock::Held);
    assert_eq!(events(&stale), ["we removed a dead process's lock", "we took it"]);

    let held = fs(World {
        lock: Some(("X", 1_000_000.0)),
        ..World::default()
    });
    let error = acquire(&held, &held, LOCK).await.unwrap_err();
    assert!(error.to_string().contains("another process holds it"), "{error}");
    assert_eq!(events(&held), Vec::<String>::new(), "X's lock was left alone");
    let waited = held.0.lock().unwrap().now - 1_000_000.0;
    assert!((20_000.0..20_100.0).contains(&waited), "waited {waited} ms");
}

#[tokio::test]
async fn a_lock_that_cannot_be_created_or_seen_is_waited_for_not_spun_on() {
    let fs = fs(World {
        lock: Some(("a dangling link", 0.0)),
        blind: true,
        ..World::default()
    });
    let error = acquire(&fs, &fs, LOCK).await.unwrap_err();
    assert!(error.to_string().contains("another process holds it"), "{error}");
    assert_eq!(events(&fs), Vec::<String>::new(), "never removed");
    let waited = fs.0.lock().unwrap().now - 1_000_000.0;
    assert!((20_000.0..20_100.0).contains(&waited), "waited {waited} ms");
}

#[tokio::test]
async fn a_lock_that_cannot_be_created_at_all_is_not_waited_for() {
    let fs = fs(World {
        read_only: true,
        ..World::default()
    });
    let lock = acquire(&fs, &fs, LOCK).await.unwrap();
    assert_eq!(lock, Lock::Unavailable("read-only file system".into()));
    assert_eq!(fs.0.lock().unwrap().now, 1_000_000.0, "no wait");
}
