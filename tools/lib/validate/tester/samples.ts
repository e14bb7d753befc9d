/** Template builders the rule tests share. */

/** A build of `source` running `inline` (one shell provisioner; `extra` goes before inline). */
export const build = (source: string, inline: string[], extra = ""): string =>
  `${source}build {\n  sources = ["source.${/source "([^"]+)" "([^"]+)"/.exec(source)!.slice(1).join(".")}"]\n  provisioner "shell" {\n${extra}    inline = ${JSON.stringify(inline)}\n  }\n}\n`;
/** The same with a script file, `setup.sh`. */
export const scripted = (source: string): string =>
  `${source}build {\n  sources = ["source.${/source "([^"]+)" "([^"]+)"/.exec(source)!.slice(1).join(".")}"]\n  provisioner "shell" {\n    script = "setup.sh"\n  }\n}\n`;
