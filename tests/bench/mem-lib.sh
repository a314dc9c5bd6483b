# shellcheck shell=bash disable=SC2154
# mem-lib.sh — sourced by mem.sh and mem-sqlite.sh: the image Pss
# accounting both memory benchmarks share.  The caller sets $images, the
# names of the modules (as dllmap --json names them) whose mappings count.

# image_pss PID JSON: prints the Pss in KiB of the mappings inside the
# sample's images, whose bases and sizes are in dllmap's JSON for PID.
image_pss() {
	local pid=$1 json=$2 ranges
	ranges=$(jq -r --arg names "$images" '.modules[]
		| select(.name as $n | ($names | split(" ") | index($n)))
		| "\(.base) \(.size)"' <<<"$json")
	[ -n "$ranges" ] || { echo -1; return; }
	awk -v ranges="$ranges" '
	function hex(s,  i, n, c) {
		n = 0; s = tolower(s); sub(/^0x/, "", s)
		for (i = 1; i <= length(s); i++) {
			c = index("0123456789abcdef", substr(s, i, 1)) - 1
			n = n * 16 + c
		}
		return n
	}
	BEGIN {
		nr = split(ranges, line, "\n")
		for (i = 1; i <= nr; i++) {
			split(line[i], f, " ")
			lo[i] = hex(f[1]); hi[i] = lo[i] + f[2]
		}
	}
	/^[0-9a-f]+-[0-9a-f]+ / {
		split($1, a, "-"); s = hex(a[1]); e = hex(a[2]); in_img = 0
		for (i = 1; i <= nr; i++)
			if (s >= lo[i] && e <= hi[i]) in_img = 1
	}
	/^Pss:/ && in_img { kb += $2 }
	END { print kb + 0 }' "/proc/$pid/smaps"
}

# wait_holds N: reads each of the first N descriptors in fds[] until the
# process behind it prints its "holding" line; fails when one does not
# within 120 s.
wait_holds() {
	local n=$1 k line ok=0
	for ((k = 0; k < n; k++)); do
		line=
		while IFS= read -r -t 120 -u "${fds[$k]}" line; do
			[[ $line == *holding* ]] && break
		done
		[[ $line == *holding* ]] || ok=1
	done
	return $ok
}

# pss_of PID JSON: prints three Pss figures in KiB for PID — its images'
# mappings (image_pss), the whole process (smaps_rollup), and the images'
# pages as dllmap counts them.
pss_of() {
	local pid=$1 json=$2 kib tot dm
	kib=$(image_pss "$pid" "$json")
	tot=$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup")
	dm=$(jq --arg names "$images" '[.modules[]
		| select(.name as $n | ($names | split(" ") | index($n)))
		| .totals.pss_kib] | add // 0 | floor' <<<"$json")
	echo "$kib $tot $dm"
}
