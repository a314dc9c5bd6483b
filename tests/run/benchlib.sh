# benchlib.sh — what the benchmark scripts of tests/run share (sourced).
# median N...: the middle value (of an odd count; the upper middle else).
median() { printf '%s\n' "$@" | sort -g | sed -n "$((($# + 1) / 2))p"; }
# ms T0 T1: milliseconds between two $EPOCHREALTIME stamps.
ms() { echo "($2 - $1) * 1000" | bc -l; }
