#!/usr/bin/env bash
# Starts or stops the local model server (scripts/llm-server.mjs) in the background.
#   scripts/llm-server.sh start [PORT]   # default 8089 (or $LEGATE_LLM_PORT); waits until it answers
#   scripts/llm-server.sh stop
# Its log is .llm/server.log and its process id .llm/server.pid. Run scripts/setup-llm.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
pidfile=.llm/server.pid
case "${1:-}" in
start)
    port="${2:-${LEGATE_LLM_PORT:-8089}}"
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        echo "llm-server: already running (pid $(cat "$pidfile"))"
        exit 0
    fi
    node scripts/llm-server.mjs --port "$port" >.llm/server.log 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 120); do
        if curl -sf "http://127.0.0.1:$port/v1/models" >/dev/null 2>&1; then
            echo "llm-server: http://127.0.0.1:$port/v1 (pid $(cat "$pidfile"))"
            exit 0
        fi
        if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
            echo "llm-server: failed to start:" >&2
            cat .llm/server.log >&2
            exit 1
        fi
        sleep 1
    done
    echo "llm-server: no answer on port $port after 120 s; see .llm/server.log" >&2
    exit 1
    ;;
stop)
    if [ -f "$pidfile" ]; then
        kill "$(cat "$pidfile")" 2>/dev/null || true
        rm -f "$pidfile"
    fi
    ;;
*)
    echo "usage: scripts/llm-server.sh start [PORT] | stop" >&2
    exit 2
    ;;
esac
