//! The terminal loop: draws the model, turns terminal events and session events into [`Msg`]s,
//! and sends the session what [`update`] asks for. Never waits on the session.

use crate::app::{update, Model, Msg};
use crate::protocol::{FromSession, ToSession};
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use std::sync::mpsc::{Receiver, Sender, TryRecvError};
use std::time::Duration;

/// How long to wait for a key before looking at the session's channel again: a key is drawn
/// within this time plus one frame.
const POLL: Duration = Duration::from_millis(20);

/// Runs the UI on this terminal until the player quits; `to` carries commands to the session and
/// `from` its events. The terminal is restored on return and on panic. If the session goes away,
/// the UI says so and keeps showing the game until the player quits.
pub fn run(mut model: Model, to: &Sender<ToSession>, from: &Receiver<FromSession>) -> std::io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    // ratatui's hook restores the terminal on a panic; only a panic of the UI thread should (a
    // worker's panic is the session's to report, and printing it would garble the screen).
    let ui_thread = std::thread::current().id();
    let restore_and_report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == ui_thread {
            restore_and_report(info);
        }
    }));
    let result = (|| -> std::io::Result<()> {
        let mut dirty = true;
        let mut session_gone = false;
        while !model.quitting() {
            if dirty {
                terminal.draw(|f| crate::view(&model, f))?;
                dirty = false;
            }
            if event::poll(POLL)? {
                let msg = match event::read()? {
                    Event::Key(k) if k.kind == KeyEventKind::Press => Some(Msg::Key(k)),
                    Event::Resize(w, h) => Some(Msg::Resize(w, h)),
                    _ => None,
                };
                if let Some(msg) = msg {
                    if let Some(cmd) = update(&mut model, msg) {
                        // A session that is gone cannot be told anything; the UI still quits.
                        let _ = to.send(cmd);
                    }
                    dirty = true;
                }
            }
            while !session_gone {
                match from.try_recv() {
                    Ok(ev) => {
                        update(&mut model, Msg::Session(ev));
                        dirty = true;
                    }
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        session_gone = true;
                        let note = "the game session stopped; what was played is saved (press q)".to_string();
                        update(&mut model, Msg::Session(FromSession::Failed(note)));
                        dirty = true;
                    }
                }
            }
        }
        Ok(())
    })();
    ratatui::restore();
    // Panics are reported as usual again.
    drop(std::panic::take_hook());
    result
}
