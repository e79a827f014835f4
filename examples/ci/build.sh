#!/bin/sh
# A CI build step that replaces `jekyll build`: install liquidsite, build
# the site with warnings as errors, and fail the job on any problem.
#
#   SITE=path/to/site OUT=public sh examples/ci/build.sh
#
# LIQUIDSITE_SPEC says what to install (default: liquidsite from the
# package index; a path to a checkout works too); set it empty to skip the
# install when liquidsite is already there.
set -eu

SITE="${SITE:-.}"
OUT="${OUT:-_site}"
LIQUIDSITE_SPEC="${LIQUIDSITE_SPEC-liquidsite}"
PYTHON="${PYTHON:-python3}"

if [ -n "$LIQUIDSITE_SPEC" ]; then
    "$PYTHON" -m pip install --quiet "$LIQUIDSITE_SPEC"
fi

# Production settings, as `JEKYLL_ENV=production jekyll build` would use;
# the last commit's time makes the build reproducible when git is there.
export JEKYLL_ENV="${JEKYLL_ENV:-production}"
if [ -z "${SOURCE_DATE_EPOCH:-}" ] && git -C "$SITE" rev-parse >/dev/null 2>&1; then
    SOURCE_DATE_EPOCH="$(git -C "$SITE" log -1 --format=%ct)"
    export SOURCE_DATE_EPOCH
fi

"$PYTHON" -m liquidsite build --source "$SITE" --destination "$OUT" --strict
