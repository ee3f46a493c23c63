#!/usr/bin/env bash
# Full-size verification of every claim on a GPU machine, as `make verify` does it on CPU,
# with the claims split into Dask cells run by local worker processes that share the GPU.
#
#   bash bench/gpu_verify.sh OUTDIR [WORKERS] [TIME_LIMIT_S] [ID ...]
#
# Results go to results-gpu/ (cached: a second call resumes where an interrupted one
# stopped); OUTDIR receives the log, the GPU utilisation samples, the verdicts compared with
# the CPU results in results/ (when present) and a tarball of results-gpu/. Figures are not
# drawn (--formats ''): they come from the CPU run. PYTHON names the interpreter (python3).
set -u
out=${1:?usage: gpu_verify.sh OUTDIR [WORKERS] [TIME_LIMIT_S] [ID ...]}
workers=${2:-12}
limit=${3:-480}
shift $(($# < 3 ? $# : 3))
python=${PYTHON:-python3}
mkdir -p "$out"
export XLA_PYTHON_CLIENT_PREALLOCATE=false  # several processes share one GPU
export JAX_COMPILATION_CACHE_DIR=${JAX_COMPILATION_CACHE_DIR-$PWD/.cache/jax}  # shared by the workers
export PYTHONUNBUFFERED=1 PYTHONPATH=$PWD${PYTHONPATH:+:$PYTHONPATH}

{ nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>/dev/null || true
  "$python" -c 'import jax; print("jax", jax.__version__, jax.devices())'; } >"$out/machine.txt" 2>&1
(nvidia-smi --query-gpu=timestamp,utilization.gpu,memory.used --format=csv -l 5 \
  >"$out/gpu_util.csv" 2>/dev/null &)

# Longest claims first (CPU run times in results/), so the slowest cells do not end the run.
ids=("$@")
if [ ${#ids[@]} -eq 0 ]; then
  mapfile -t ids < <("$python" -m bench.order_by_cost results)
fi

start=$(date +%s)
timeout -k 30 "$limit" "$python" -c 'import sys; from theorytest.cli import main; sys.exit(main())' \
  verify --executor dask --workers "$workers" --formats '' --out results-gpu "${ids[@]}" \
  >"$out/verify.log" 2>&1
echo "exit $? after $(($(date +%s) - start)) s" >>"$out/verify.log"
pkill -f 'nvidia-smi --query-gpu' 2>/dev/null || true

"$python" -m bench.compare_verdicts results-gpu --against results --json "$out/compare.json" \
  >"$out/compare.txt" 2>&1
tar czf "$out/results-gpu.tgz" results-gpu
cat "$out/compare.txt"
