# Finding a JDK 21 or newer, shared by ./atelier and .ci/run (sourced, not run).

# The major version of the JDK whose home is $1, or nothing.
java_major() {
  local home="$1" version=""
  if [[ -r "$home/release" ]]; then
    version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")"
  fi
  if [[ -z "$version" && -x "$home/bin/java" ]]; then
    version="$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')"
  fi
  echo "$version"
}

is_jdk21() { # whether $1 is the home of a Java 21 or newer
  local major
  [[ -x "$1/bin/java" ]] || return 1
  major="$(java_major "$1")"
  [[ -n "$major" ]] && (( major >= 21 ))
}

# Prints JAVA_HOME if it is 21+, else the newest JDK under /usr/lib/jvm, else the java on PATH if it is 21+;
# fails with a message when there is none.
find_jdk() {
  if [[ -n "${JAVA_HOME:-}" ]] && is_jdk21 "$JAVA_HOME"; then
    echo "$JAVA_HOME"
    return 0
  fi
  local home major best="" best_major=0
  for home in /usr/lib/jvm/*; do
    [[ -x "$home/bin/java" ]] || continue
    major="$(java_major "$home")"
    if [[ -n "$major" ]] && (( major > best_major )); then
      best="$home"
      best_major="$major"
    fi
  done
  if (( best_major >= 21 )); then
    echo "$best"
    return 0
  fi
  if command -v java >/dev/null; then
    home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    if is_jdk21 "$home"; then
      echo "$home"
      return 0
    fi
  fi
  echo "no JDK 21 or newer found (looked at JAVA_HOME=${JAVA_HOME:-unset}, /usr/lib/jvm and the java on PATH);" \
    "install one or point JAVA_HOME at it" >&2
  return 1
}

# Maven's own dependencies still use sun.misc.Unsafe, which JDK 24+ warns about on every run; $1 is the JDK home.
quiet_maven_on() {
  local major
  major="$(java_major "$1")"
  if [[ -n "$major" ]] && (( major >= 24 )) && [[ "${MAVEN_OPTS:-}" != *sun-misc-unsafe-memory-access* ]]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}
