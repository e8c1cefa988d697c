// A small OpenAI-compatible chat server on 127.0.0.1 running a local GGUF model with
// node-llama-cpp, for trying Legate's LLM writer and reader with no account and no network.
//
//   node scripts/llm-server.mjs [--port 8089] [--model .llm/SmolLM2-135M-Instruct.Q4_1.gguf]
//                               [--threads 1] [--context 2048]
//
// Endpoints: GET /v1/models, POST /v1/chat/completions (messages, max_tokens or
// max_completion_tokens, temperature, top_p, seed, n, stop, response_format {"type":"json_object"}
// constrains the reply to JSON, and stream: true answers with server-sent events). Requests are
// answered one at a time (one context sequence, one inference thread: on a busy 2-core machine
// two threads are many times slower). Install what it needs with scripts/setup-llm.sh.
import http from "node:http";
import path from "node:path";
import fs from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
function option(name, fallback) {
    const i = args.indexOf(`--${name}`);
    if (i < 0) return fallback;
    if (i + 1 >= args.length) fail(`--${name} needs a value`);
    return args[i + 1];
}
function fail(why) {
    console.error(`llm-server: ${why}`);
    process.exit(2);
}
const port = Number(option("port", process.env.LEGATE_LLM_PORT ?? "8089"));
const modelPath = path.resolve(option("model", path.join(root, ".llm/SmolLM2-135M-Instruct.Q4_1.gguf")));
const threads = Number(option("threads", "1"));
const contextSize = Number(option("context", "2048"));
if (!Number.isInteger(port) || port <= 0 || port > 65535) fail(`--port must be a port number, not ${option("port")}`);
if (!fs.existsSync(modelPath)) fail(`no model at ${modelPath}: run scripts/setup-llm.sh`);
const modelName = path.basename(modelPath).replace(/\.gguf$/, "");

const lib = path.join(root, ".llm/node_modules/node-llama-cpp/dist/index.js");
if (!fs.existsSync(lib)) fail(`node-llama-cpp is not installed in .llm/: run scripts/setup-llm.sh`);
const { getLlama, LlamaChatSession } = await import(pathToFileURL(lib).href);

const llama = await getLlama({ gpu: false, build: "never", maxThreads: threads, logLevel: "error" });
const model = await llama.loadModel({ modelPath });
const context = await model.createContext({ contextSize, sequences: 1, threads });
const jsonGrammar = await llama.getGrammarFor("json");

// One request at a time: each waits for the one before it.
let queue = Promise.resolve();
function serialized(job) {
    const run = queue.then(job, job);
    queue = run.catch(() => {});
    return run;
}

function text(content) {
    if (typeof content === "string") return content;
    if (Array.isArray(content)) return content.map((p) => (typeof p === "string" ? p : p?.text ?? "")).join("");
    return "";
}

// Chat history for node-llama-cpp from OpenAI messages: system and earlier turns, then the last
// user message as the prompt.
function history(messages) {
    if (!Array.isArray(messages) || messages.length === 0) throw new Error("messages: a non-empty array is required");
    const last = messages[messages.length - 1];
    if (last.role !== "user") throw new Error("messages: the last message must be the user's");
    const turns = messages.slice(0, -1).map((m) => {
        if (m.role === "system" || m.role === "developer") return { type: "system", text: text(m.content) };
        if (m.role === "user") return { type: "user", text: text(m.content) };
        if (m.role === "assistant") return { type: "model", response: [text(m.content)] };
        throw new Error(`messages: unknown role ${JSON.stringify(m.role)}`);
    });
    return { turns, prompt: text(last.content) };
}

async function complete(body, i, onChunk) {
    const { turns, prompt } = history(body.messages);
    const sequence = context.getSequence();
    const session = new LlamaChatSession({ contextSequence: sequence, autoDisposeSequence: true });
    try {
        session.setChatHistory(turns);
        const stop = body.stop == null ? [] : Array.isArray(body.stop) ? body.stop : [body.stop];
        const options = {
            maxTokens: Math.min(Number(body.max_completion_tokens ?? body.max_tokens ?? 256), 1024),
            temperature: Number(body.temperature ?? 0.7),
            topP: body.top_p == null ? undefined : Number(body.top_p),
            seed: body.seed == null ? undefined : Number(body.seed) + i,
            customStopTriggers: stop.length ? stop : undefined,
            grammar: body.response_format?.type === "json_object" ? jsonGrammar : undefined,
            onTextChunk: onChunk,
        };
        const meta = await session.promptWithMeta(prompt, options);
        const content = meta.responseText;
        return { content, finish: meta.stopReason === "maxTokens" ? "length" : "stop" };
    } finally {
        session.dispose();
    }
}

function send(res, status, value) {
    const body = JSON.stringify(value);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
}

function error(res, status, message) {
    send(res, status, { error: { message, type: "invalid_request_error", param: null, code: null } });
}

async function chat(req, res, body) {
    const n = Math.max(1, Math.min(Number(body.n ?? 1), 8));
    const id = `chatcmpl-${Date.now().toString(36)}`;
    const created = Math.floor(Date.now() / 1000);
    if (body.stream) {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        const event = (choices) =>
            res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: modelName, choices })}\n\n`);
        for (let i = 0; i < n; i++) {
            event([{ index: i, delta: { role: "assistant", content: "" }, finish_reason: null }]);
            const r = await serialized(() =>
                complete(body, i, (chunk) => event([{ index: i, delta: { content: chunk }, finish_reason: null }])),
            );
            event([{ index: i, delta: {}, finish_reason: r.finish }]);
        }
        res.end("data: [DONE]\n\n");
        return;
    }
    const choices = [];
    for (let i = 0; i < n; i++) {
        const r = await serialized(() => complete(body, i, undefined));
        choices.push({ index: i, message: { role: "assistant", content: r.content }, finish_reason: r.finish, logprobs: null });
    }
    send(res, 200, { id, object: "chat.completion", created, model: modelName, choices });
}

const server = http.createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (d) => (raw += d));
    req.on("end", async () => {
        try {
            const url = new URL(req.url, "http://localhost");
            if (req.method === "GET" && url.pathname === "/v1/models") {
                send(res, 200, { object: "list", data: [{ id: modelName, object: "model", created: 0, owned_by: "local" }] });
            } else if (req.method === "POST" && url.pathname === "/v1/chat/completions") {
                let body;
                try {
                    body = JSON.parse(raw);
                } catch (e) {
                    return error(res, 400, `request body is not JSON: ${e.message}`);
                }
                await chat(req, res, body);
            } else {
                error(res, 404, `no route for ${req.method} ${url.pathname}`);
            }
        } catch (e) {
            if (res.headersSent) res.end();
            else error(res, 400, String(e?.message ?? e));
        }
    });
});
server.listen(port, "127.0.0.1", () => console.log(`llm-server: ${modelName} on http://127.0.0.1:${port}/v1 (${threads} thread)`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
