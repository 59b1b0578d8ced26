#!/usr/bin/env bash
# Regenerates Sources/MockSystems/Definition/MockDefinition+Builtin.swift from Mocks/*.json (run after editing them).
set -euo pipefail
cd "$(dirname "$0")/.."
names=(crm ticketing webhook oauth)
out=Sources/MockSystems/Definition/MockDefinition+Builtin.swift
{
  echo '// The mock definitions shipped in Mocks/, embedded so that in-process use needs no files.'
  echo '// Generated from Mocks/*.json by Mocks/embed.sh; a test fails when the two differ.'
  echo
  echo 'extension MockDefinition {'
  echo "    /// The built-in systems by name, in start order: $(IFS=,; echo "${names[*]}" | sed 's/,/, /g')."
  printf '    public static let builtinNames = [%s]\n' "$(printf '"%s", ' "${names[@]}" | sed 's/, $//')"
  echo
  echo '    /// The JSON text of a built-in definition.'
  echo '    static func builtinJSON(_ name: String) -> String? {'
  echo '        switch name {'
  for name in "${names[@]}"; do
    echo "        case \"$name\":"
    echo '            return #"""'
    cat "Mocks/$name.json"
    echo '"""#'
  done
  echo '        default: return nil'
  echo '        }'
  echo '    }'
  echo '}'
} > "$out"
