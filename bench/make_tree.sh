#!/usr/bin/env bash
# Writes a synthetic repository tree for bench/tree.sh: FILES files (default 5000, ~60 MB) that look
# like a mixed ML code base: Python packages importing SDKs, manifests, Dockerfiles, Kubernetes
# files, model cards with front matter, license files (invented text) and large plain sources.
# Usage: bench/make_tree.sh DIR [FILES]
set -euo pipefail
dir=${1:?usage: make_tree.sh DIR [FILES]}
files=${2:-5000}
rm -rf "$dir"
mkdir -p "$dir"
filler=$(printf 'value_%d = compute(%d, scale=0.5)  # a line of ordinary code\n' $(seq 1 260 | sed 's/.*/& &/'))
for ((i = 0; i < files; i++)); do
  pkg="$dir/pkg$((i % 50))/mod$((i % 7))"
  one="$pkg/f$i"  # manifests, cards and licenses have fixed names: one folder each
  mkdir -p "$pkg"
  case $((i % 20)) in 1 | 2 | 4 | 5 | 6) mkdir -p "$one" ;; esac
  case $((i % 20)) in
    0) printf 'torch==2.3.0+cu121\nnvidia-cublas-cu12\nopenai>=1.30\nnumpy\nrequests==2.32.0\n' > "$pkg/requirements-$i.txt" ;;
    1) printf '[project]\nname = "p%d"\nlicense = "Apache-2.0"\ndependencies = ["openai", "boto3", "torch>=2"]\n' "$i" > "$one/pyproject.toml" ;;
    2) printf 'FROM nvcr.io/nvidia/pytorch:24.05-py3\nENV NVIDIA_VISIBLE_DEVICES=all\nRUN pip install vllm\n' > "$one/Dockerfile" ;;
    3) printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p%d\nspec:\n  containers:\n  - name: c\n    image: nvcr.io/nvidia/tritonserver:24.05-py3\n    resources:\n      limits:\n        nvidia.com/gpu: 1\n' "$i" > "$pkg/deploy-$i.yaml" ;;
    4) printf -- '---\nlicense: apache-2.0\ndatasets:\n  - example/data-%d\n---\n# Model %d\n\n## Training data\n\nSee https://huggingface.co/datasets/example/data-%d.\n' "$i" "$i" "$i" > "$one/README.md" ;;
    5) printf '{\n  "name": "web%d",\n  "license": "MIT",\n  "dependencies": {"openai": "^4.0.0", "@anthropic-ai/sdk": "^0.20.0", "react": "^18"}\n}\n' "$i" > "$one/package.json" ;;
    6) printf 'Bench Terms %d\nAnyone may use and share this bench file. It comes with no warranty at all.\n' "$i" > "$one/LICENSE" ;;
    *) { printf 'import os\nimport openai\nfrom anthropic import Anthropic\n\nclient = openai.OpenAI(base_url=os.environ.get("OPENAI_BASE_URL"))\nMODEL = "gpt-4o"\n\n'; printf '%s\n' "$filler"; } > "$pkg/file_$i.py" ;;
  esac
done
echo "$dir: $(find "$dir" -type f | wc -l) files, $(du -sm "$dir" | cut -f1) MB" >&2
