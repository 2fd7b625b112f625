# Finds a JDK 21 or newer and prints its home: JAVA_HOME if it is new enough, else the newest under
# /usr/lib/jvm, else the one on PATH. Sourced by ./atelier and .ci/run.
atelier_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2; exit}'
}

atelier_find_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(atelier_java_major "$JAVA_HOME")
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then
      echo "$JAVA_HOME"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*/; do
    candidate=${candidate%/}
    [ -x "$candidate/bin/javac" ] || continue
    major=$(atelier_java_major "$candidate")
    if [ "${major:-0}" -ge 21 ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then
      best=$candidate
      best_major=$major
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(atelier_java_major "$candidate")
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then
      best=$candidate
    fi
  fi
  if [ -z "$best" ]; then
    echo "No JDK 21 or newer found: install one (e.g. Temurin 21+) or point JAVA_HOME at it." >&2
    return 1
  fi
  echo "$best"
}
