"""What the shell should complete, read from reader's parsers, and the three scripts.

:func:`reader_spec` walks the argparse parsers (``reader [PATH]`` and every registered
subcommand, nested ones such as ``feed add`` too) into plain :class:`Command` records;
``bash_script``, ``zsh_script`` and ``fish_script`` turn those into scripts. What a
value completes to (:data:`Kind`) is read from the argument: its choices, or its
metavar (``PATH`` an article, ``DIR`` a folder, ``FILE`` any file, ``NAME``/``FEED``
under ``feed`` a feed name).
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field

Kind = str  # "none", "article", "file", "dir", "feed", "any", or "choices"


@dataclass
class Option:
    flags: list[str]
    help: str
    kind: Kind = "none"
    choices: list[str] = field(default_factory=list)


@dataclass
class Command:
    name: str
    help: str
    options: list[Option] = field(default_factory=list)
    #: what positional arguments complete to ("none" if it takes none)
    positional: Kind = "none"
    positional_choices: list[str] = field(default_factory=list)
    subcommands: list[Command] = field(default_factory=list)


def _kind(action: argparse.Action, path: list[str]) -> tuple[Kind, list[str]]:
    """What the value of ``action`` completes to; ``path``: the subcommand words."""
    if action.choices is not None and not isinstance(action, argparse._SubParsersAction):
        return "choices", [str(c) for c in action.choices]
    if action.nargs == 0:
        return "none", []
    metavar = str(action.metavar or action.dest).upper()
    if metavar in ("NAME", "FEED") and path[:1] == ["feed"] and not action.option_strings:
        return "feed", []
    if metavar in ("PATH", "PATHS", "ARTICLE"):
        return "article", []
    if metavar in ("DIR", "FOLDER"):
        return "dir", []
    if metavar in ("FILE", "FILES", "INPUT", "INPUTS", "OUTPUT"):
        return "file", []
    return "any", []


def _clean(text: str | None) -> str:
    text = (text or "").replace("%(default)s", "").replace("%%", "%")
    return " ".join(text.split())


def _command(
    name: str, help_text: str, parser: argparse.ArgumentParser, path: list[str]
) -> Command:
    command = Command(name, _clean(help_text))
    for action in parser._actions:
        if action.help == argparse.SUPPRESS:
            continue
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._get_subactions()}
            for sub_name, sub_parser in action.choices.items():
                sub_path = [*path, sub_name]
                command.subcommands.append(
                    _command(sub_name, helps.get(sub_name, ""), sub_parser, sub_path)
                )
        elif action.option_strings:
            kind, choices = _kind(action, path)
            command.options.append(
                Option(list(action.option_strings), _clean(action.help), kind, choices)
            )
        else:
            kind, choices = _kind(action, path)
            command.positional, command.positional_choices = kind, choices
    return command


def reader_spec() -> Command:
    """``reader`` as the shell sees it: the open-an-article form and every subcommand."""
    import importlib

    cli = importlib.import_module("reader.cli.main")  # reader.cli.main is also a function
    root = _command("reader", "", cli._open_parser(), [])
    parser, _commands = cli._command_parser(cli.SUBCOMMANDS)
    tree = _command("reader", "", parser, [])
    root.subcommands = tree.subcommands
    return root


# -- bash --------------------------------------------------------------------------

_BASH_KIND = {
    "article": "_reader_articles",
    "file": "_reader_files",
    "dir": "_reader_dirs",
    "feed": "_reader_feeds",
    "any": ":",
    "none": ":",
}

_BASH_HELPERS = r"""
_reader_articles() {
    local IFS=$'\n'
    COMPREPLY+=( $(compgen -d -- "$cur") )
    COMPREPLY+=( $(compgen -f -X '!*.@(yaml|yml|json)' -- "$cur") )
}
_reader_files() { local IFS=$'\n'; COMPREPLY+=( $(compgen -f -- "$cur") ); }
_reader_dirs() { local IFS=$'\n'; COMPREPLY+=( $(compgen -d -- "$cur") ); }
_reader_feeds() {
    local IFS=$'\n'
    COMPREPLY+=( $(compgen -W "$(reader completion --names feeds 2>/dev/null)" -- "$cur") )
}
"""


def _words(items: list[str]) -> str:
    return " ".join(items)


def _bash_case(command: Command, key: str) -> list[str]:
    """The ``case`` arm for one command: option values, options, positionals."""
    lines = [f"        '{key}')"]
    value_arms = []
    for option in command.options:
        if option.kind == "none":
            continue
        pattern = "|".join(option.flags)
        if option.kind == "choices":
            action = f'COMPREPLY=( $(compgen -W "{_words(option.choices)}" -- "$cur") )'
        else:
            action = _BASH_KIND[option.kind]
        value_arms.append(f"                {pattern}) {action}; return ;;")
    if value_arms:
        lines += ['            case "$prev" in', *value_arms, "            esac"]
    flags = _words([flag for option in command.options for flag in option.flags])
    lines.append('            if [[ "$cur" == -* ]]; then')
    lines.append(f'                COMPREPLY=( $(compgen -W "{flags}" -- "$cur") ); return')
    lines.append("            fi")
    if command.subcommands:
        names = _words([sub.name for sub in command.subcommands])
        lines.append(f'            COMPREPLY=( $(compgen -W "{names}" -- "$cur") )')
    if command.positional == "choices":
        words = _words(command.positional_choices)
        lines.append(f'            COMPREPLY+=( $(compgen -W "{words}" -- "$cur") )')
    elif command.positional not in ("none", "any"):
        lines.append(f"            {_BASH_KIND[command.positional]}")
    lines.append("            ;;")
    return lines


def bash_script(spec: Command) -> str:
    from reader.cli.completion import MARKER

    arms: list[str] = []
    arms += _bash_case(spec, "")
    for sub in spec.subcommands:
        arms += _bash_case(sub, sub.name)
        for subsub in sub.subcommands:
            arms += _bash_case(subsub, f"{sub.name} {subsub.name}")
    top = _words([sub.name for sub in spec.subcommands])
    nested = [
        f'            {sub.name}) subs="{_words([s.name for s in sub.subcommands])}" ;;'
        for sub in spec.subcommands
        if sub.subcommands
    ]
    return "\n".join(
        [
            f"{MARKER} for bash (generated by `reader completion bash`).",
            "# Install: reader completion bash --install",
            _BASH_HELPERS.strip(),
            "",
            "_reader() {",
            '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
            '    local key="" subs="" word i',
            "    COMPREPLY=()",
            "    shopt -s extglob",
            "    for (( i = 1; i < COMP_CWORD; i++ )); do",
            '        word="${COMP_WORDS[i]}"',
            '        [[ "$word" == -* ]] && continue',
            '        if [[ -z "$key" ]]; then',
            f'            case " {top} " in *" $word "*) key="$word" ;; *) break ;; esac',
            '            case "$key" in',
            *nested,
            "            esac",
            '        elif [[ -n "$subs" && " $subs " == *" $word "* && "$key" != *" "* ]]; then',
            '            key="$key $word"',
            "        fi",
            "    done",
            '    case "$key" in',
            *arms,
            "    esac",
            "}",
            "complete -o filenames -o bashdefault -F _reader reader",
            "",
        ]
    )


# -- zsh ---------------------------------------------------------------------------

_ZSH_KIND = {
    "article": "_files -g '*.(yaml|yml|json)(-.)'",
    "file": "_files",
    "dir": "_files -/",
    "feed": "_reader_feeds",
    "any": " ",
}


def _zsh_quote(text: str) -> str:
    """Text inside a single-quoted _arguments spec: no quotes, brackets or colons."""
    return re.sub(r"[\[\]:'\\`$]", "", text)


def _zsh_specs(command: Command) -> list[str]:
    specs = []
    for option in command.options:
        help_text = _zsh_quote(option.help)
        if option.kind == "none":
            value = ""
        elif option.kind == "choices":
            value = f":value:({' '.join(option.choices)})"
        else:
            value = f":value:{_ZSH_KIND[option.kind]}"
        if len(option.flags) > 1:
            exclusive = " ".join(option.flags)
            flags = "{" + ",".join(option.flags) + "}"
            specs.append(f"'({exclusive})'{flags}'[{help_text}]{value}'")
        else:
            specs.append(f"'{option.flags[0]}[{help_text}]{value}'")
    if command.subcommands:
        specs += ["'1:command:->command'", "'*::argument:->argument'"]
    elif command.positional == "choices":
        specs.append(f"'*:value:({' '.join(command.positional_choices)})'")
    elif command.positional not in ("none",):
        specs.append(f"'*:argument:{_ZSH_KIND[command.positional]}'")
    return specs


def _zsh_function(command: Command, name: str) -> list[str]:
    lines = [f"{name}() {{", "    local curcontext=$curcontext state line"]
    lines.append("    typeset -A opt_args")
    specs = " \\\n        ".join(_zsh_specs(command))
    lines.append(f"    _arguments -C \\\n        {specs}")
    if command.subcommands:
        described = " ".join(f"'{sub.name}:{_zsh_quote(sub.help)}'" for sub in command.subcommands)
        lines += [
            "    case $state in",
            "        command)",
            f"            local -a commands=({described})",
            "            _describe -t commands command commands ;;",
            "        argument)",
            "            case $words[1] in",
        ]
        for sub in command.subcommands:
            lines.append(f"                {sub.name}) {name}_{_ident(sub.name)} ;;")
        lines += ["            esac ;;", "    esac"]
    lines.append("}")
    for sub in command.subcommands:
        lines += _zsh_function(sub, f"{name}_{_ident(sub.name)}")
    return lines


def _ident(name: str) -> str:
    return re.sub(r"\W", "_", name)


def zsh_script(spec: Command) -> str:
    from reader.cli.completion import MARKER

    return "\n".join(
        [
            "#compdef reader",
            f"{MARKER} for zsh (generated by `reader completion zsh`).",
            "# Install: reader completion zsh --install",
            "_reader_feeds() {",
            '    local -a feeds=(${(f)"$(reader completion --names feeds 2>/dev/null)"})',
            "    _describe -t feeds feed feeds",
            "}",
            *_zsh_function(spec, "_reader"),
            "",
            'if [[ "$funcstack[1]" == "_reader" ]]; then _reader "$@";',
            "else compdef _reader reader; fi",
            "",
        ]
    )


# -- fish --------------------------------------------------------------------------

_FISH_KIND = {
    "article": "-x -a '(__reader_articles)'",
    "file": "-F",
    "dir": "-x -a '(__fish_complete_directories)'",
    "feed": "-x -a '(reader completion --names feeds 2>/dev/null)'",
    "any": "-x",
}


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _fish_flags(flags: list[str]) -> str:
    parts = []
    for flag in flags:
        if flag.startswith("--"):
            parts.append(f"-l {flag[2:]}")
        elif len(flag) == 2:
            parts.append(f"-s {flag[1]}")
        else:
            parts.append(f"-o {flag[1:]}")
    return " ".join(parts)


def _fish_lines(command: Command, condition: str) -> list[str]:
    lines = []
    for option in command.options:
        if option.kind == "none":
            value = ""
        elif option.kind == "choices":
            value = "-x -a " + _fish_quote(" ".join(option.choices))
        else:
            value = _FISH_KIND[option.kind]
        lines.append(
            f"complete -c reader -n {_fish_quote(condition)} {_fish_flags(option.flags)} "
            f"{value} -d {_fish_quote(option.help)}".replace("  ", " ")
        )
    if command.positional == "choices":
        words = _fish_quote(" ".join(command.positional_choices))
        lines.append(f"complete -c reader -n {_fish_quote(condition)} -x -a {words}")
    elif command.positional not in ("none", "any"):
        kind = _FISH_KIND[command.positional]
        lines.append(f"complete -c reader -n {_fish_quote(condition)} {kind}")
    return lines


def fish_script(spec: Command) -> str:
    from reader.cli.completion import MARKER

    top = " ".join(sub.name for sub in spec.subcommands)
    lines = [
        f"{MARKER} for fish (generated by `reader completion fish`).",
        "# Install: reader completion fish --install",
        "complete -c reader -f",
        "function __reader_articles --description 'folders and article files'",
        "    set -l token (commandline -ct)",
        "    for path in $token*",
        "        if test -d $path",
        "            echo $path/",
        "        else if string match -qr '\\.(ya?ml|json)$' -- $path",
        "            echo $path",
        "        end",
        "    end",
        "end",
    ]
    lines += _fish_lines(spec, "__fish_use_subcommand")
    for sub in spec.subcommands:
        lines.append(
            f"complete -c reader -n __fish_use_subcommand -a {sub.name} -d {_fish_quote(sub.help)}"
        )
        if sub.subcommands:
            inner = " ".join(s.name for s in sub.subcommands)
            seen = f"__fish_seen_subcommand_from {sub.name}"
            first = f"{seen}; and not __fish_seen_subcommand_from {inner}"
            for subsub in sub.subcommands:
                lines.append(
                    f"complete -c reader -n {_fish_quote(first)} -a {subsub.name} "
                    f"-d {_fish_quote(subsub.help)}"
                )
                condition = f"{seen}; and __fish_seen_subcommand_from {subsub.name}"
                lines += _fish_lines(subsub, condition)
        else:
            lines += _fish_lines(sub, f"__fish_seen_subcommand_from {sub.name}")
    del top
    return "\n".join(lines) + "\n"
