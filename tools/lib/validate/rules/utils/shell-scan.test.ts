import { describe, expect, it } from "vitest";
import { segments, type Segment } from "./shell-scan.ts";

const segs = (text: string): Segment[] => segments({ text });
/** cmd + args of each segment, e.g. "sudo apt-get update" → "apt-get update" (with a * when under sudo, a ? when conditional). */
const cmds = (text: string): string[] =>
  segs(text).map((s) => `${s.sudo ? "*" : ""}${s.conditional ? "?" : ""}${[s.cmd, ...s.args.map((a) => a.word)].join(" ")}`);

describe("segments: heredocs", () => {
  it("a heredoc body is data, not commands", () => {
    const text = "cat << 'EOF' | sudo tee /usr/local/bin/on-boot.sh\n#!/bin/bash\nsystemctl restart docker\nEOF\nsudo chmod +x /usr/local/bin/on-boot.sh\n";
    expect(cmds(text)).toEqual(["cat", "*tee /usr/local/bin/on-boot.sh", "*chmod +x /usr/local/bin/on-boot.sh"]);
    // The body stays in the text of the command that reads it (rules look for settings written this way).
    expect(segs(text)[0]!.text).toBe("cat << 'EOF' | sudo tee /usr/local/bin/on-boot.sh\n#!/bin/bash\nsystemctl restart docker\nEOF");
  });

  it('<<WORD, <<-WORD (tab-indented terminator), <<"WORD", <<\\WORD, several on one line', () => {
    expect(cmds("cat <<EOF > /x\nyum a\nEOF\nyum b")).toEqual(["cat", "yum b"]);
    expect(cmds("cat <<-EOF > /x\n\tyum a\n\tEOF\nyum b")).toEqual(["cat", "yum b"]);
    expect(cmds('cat <<"EOF" > /x && sudo systemctl restart y\nyum a\nEOF\nyum b')).toEqual(["cat", "*systemctl restart y", "yum b"]);
    expect(cmds("cat <<\\A; cat <<B\nyum a\nA\nyum b\nB\nyum c")).toEqual(["cat", "cat", "yum c"]);
  });

  it("only a line equal to WORD ends the body (tabs only for <<-); an unterminated body runs to the end", () => {
    expect(cmds("cat <<EOF\n  EOF\nyum a\nEOF\nyum b")).toEqual(["cat", "yum b"]);
    expect(cmds("cat <<EOF\nyum a")).toEqual(["cat"]);
  });

  it("<<< and << in arithmetic are not heredocs", () => {
    expect(cmds('grep x <<< "yum a"; echo $(( 1 << 3 ))\nyum b')).toEqual(["grep x", "echo $(( 1 << 3 ))", "yum b"]);
  });

  it("a shell reading the heredoc runs its body", () => {
    const s = segs("sudo bash <<'EOF'\napt-get update\nEOF\ncat <<X | sudo sh\nyum install -y x\nX\n");
    expect(s.map((x) => `${x.sudo ? "*" : ""}${x.cmd}`)).toEqual(["*bash", "*apt-get", "cat", "*sh", "*yum"]);
    expect(s[1]!.parent).toBe(s[0]);
    expect(s[4]!.parent).toBe(s[3]);
  });
});

describe("segments: keywords and compound commands", () => {
  it("finds the command after if/then/else/elif/while/until/do/!/{/(", () => {
    expect(cmds("if systemctl list-unit-files x.service >/dev/null; then sudo systemctl enable x; fi")).toEqual([
      "systemctl list-unit-files x.service",
      "*?systemctl enable x",
    ]);
    expect(cmds("if ! a; then b; elif c; then d; else e; fi")).toEqual(["a", "?b", "?c", "?d", "?e"]);
    expect(cmds("while ! sudo apt-get update; do sleep 5; done; until b; do c; done")).toEqual(["*apt-get update", "sleep 5", "b", "c"]);
    expect(cmds("{ sudo apt-get update; }; (sudo apt-get update)")).toEqual(["*apt-get update", "*apt-get update"]);
    expect(cmds("f() { yum a; }\nfunction g { yum b; }")).toEqual(["yum a", "yum b"]);
  });

  it("a for loop's header is not a command; its body is", () => {
    expect(cmds("for i in 1 2 3; do sudo apt-get update && break || sleep 15; done")).toEqual(["*apt-get update", "break", "sleep 15"]);
    expect(cmds("for f in $(ls /x)\ndo\n  yum a\ndone")).toEqual(["ls /x", "yum a"]);
  });

  it("case arms: patterns (with |) are not commands, the arms are conditional", () => {
    expect(cmds('case "$ID" in\n  ubuntu|debian)\n    sudo apt-get update\n    ;;\n  (amzn) sudo dnf install -y curl ;;\nesac\nsudo yum a')).toEqual([
      "*?apt-get update",
      "*?dnf install -y curl",
      "*yum a",
    ]);
  });

  it("[[ … ]] is one command", () => {
    expect(cmds("[[ -f x && ( -f y || -f z ) ]] && sudo dnf install z")).toEqual(["[[ -f x && ( -f y || -f z ) ]]", "*?dnf install z"]);
  });
});

describe("segments: conditional", () => {
  it("after && / || following a test, in braces too, until the list ends", () => {
    expect(cmds("command -v dnf && sudo dnf install -y x || true; sudo dnf y")).toEqual(["command -v dnf", "*?dnf install -y x", "?true", "*dnf y"]);
    expect(cmds("[ -x /usr/bin/dnf ] && { sudo dnf a; sudo dnf b; }\ndnf c")).toEqual(["[ -x /usr/bin/dnf ]", "*?dnf a", "*?dnf b", "dnf c"]);
    expect(cmds("test -f /etc/redhat-release && yum a")).toEqual(["test -f /etc/redhat-release", "?yum a"]);
    expect(cmds("grep -q amzn /etc/os-release && yum a")).toEqual(["grep -q amzn /etc/os-release", "?yum a"]);
    expect(cmds("cat /etc/os-release | grep -qi ubuntu || yum a")).toEqual(["cat /etc/os-release", "grep -qi ubuntu", "?yum a"]);
  });

  it("not after && following an ordinary command", () => {
    expect(cmds("cd /tmp && sudo yum install -y x")).toEqual(["cd /tmp", "*yum install -y x"]);
    expect(cmds("sudo dpkg -i x.deb || sudo apt-get -f install -y")).toEqual(["*dpkg -i x.deb", "*apt-get -f install -y"]);
  });
});

describe("segments: wrappers and lookups", () => {
  it("skips wrappers with their options and arguments", () => {
    expect(cmds("timeout 300 apt-get update")).toEqual(["apt-get update"]);
    expect(cmds("timeout -s KILL -k 5 5m apt-get update")).toEqual(["apt-get update"]);
    expect(cmds("nice -n 10 ionice -c 3 eatmydata stdbuf -oL nohup env -u FOO BAR=1 sudo -u root apt-get install -y x &")).toEqual(["*apt-get install -y x"]);
    expect(cmds("sudo -E env DEBIAN_FRONTEND=noninteractive apt-get install -y curl")).toEqual(["*apt-get install -y curl"]);
    expect(cmds("sudo -iu postgres psql -c x")).toEqual(["*psql -c x"]);
  });

  it("command -v / -V, which, type and hash look a program up; command PROG runs it", () => {
    expect(cmds("command -v yum >/dev/null && echo rpm || echo deb").map((c) => c.split(" ")[0])).toEqual(["command", "?echo", "?echo"]);
    expect(cmds("command -V yum; which yum; type yum; hash yum").map((c) => c.split(" ")[0])).toEqual(["command", "which", "type", "hash"]);
    expect(cmds("command yum install -y x")).toEqual(["yum install -y x"]);
  });

  it("redirections are not arguments", () => {
    expect(cmds("sudo apt-get install -y x 2>&1 > /dev/null </dev/null")).toEqual(["*apt-get install -y x"]);
  });

  it("a pipe from yes", () => {
    const s = segs("yes | sudo apt-get install x");
    expect(s[1]!.pipeFrom).toBe(s[0]);
  });
});

describe("segments: nested shells", () => {
  it("parses sh -c strings with their offsets, inheriting sudo", () => {
    const text = "sudo sh -c 'apt-get update && apt-get install -y nginx'";
    const s = segs(text);
    expect(s.map((x) => `${x.sudo ? "*" : ""}${x.cmd}`)).toEqual(["*sh", "*apt-get", "*apt-get"]);
    expect(text.slice(s[2]!.offset, s[2]!.offset + s[2]!.text.length)).toBe("apt-get install -y nginx");
    expect(s[1]!.parent).toBe(s[0]);
    expect(s[1]!.sudoAt).toBe(0);
    expect(cmds('bash -lc "yum a"; sh -ec \'yum b\' arg0; sudo su -c "yum c"')).toEqual([
      "bash -lc yum a",
      "yum a",
      "sh -ec yum b arg0",
      "yum b",
      "*su -c yum c",
      "*yum c",
    ]);
  });

  it("an option taking a value in a cluster (bash -eo pipefail -c) before the string", () => {
    expect(cmds("sudo bash -eo pipefail -c 'apt-get install -y zip'")).toEqual(["*bash -eo pipefail -c apt-get install -y zip", "*apt-get install -y zip"]);
    expect(cmds("bash -o pipefail -ec 'yum install -y x'")).toEqual(["bash -o pipefail -ec yum install -y x", "yum install -y x"]);
  });

  it("parses command substitutions (not under the sudo of the command they are in)", () => {
    expect(cmds('VER=$(curl -s https://x | jq -r .tag) && sudo tee "$(mktemp)" <<< `uname -r`')).toEqual([
      "curl -s https://x",
      "jq -r .tag",
      "mktemp",
      "uname -r",
      "*tee $(mktemp)",
    ]);
  });
});

describe("segments: robustness", () => {
  it("stays linear on hostile input", () => {
    const N = 30_000;
    for (const text of [
      "echo " + "(".repeat(N),
      "echo " + "$(".repeat(N),
      "echo " + "${".repeat(N),
      "( x; ".repeat(N / 5),
      "sh -c '".repeat(N / 10),
      "`a ".repeat(N),
      "cat <<A <<B\n".repeat(N / 10),
    ]) {
      // The fastest of three runs: a busy machine passes, a quadratic scan (10^9 steps) does not.
      let fastest = Infinity;
      for (let run = 0; run < 3 && fastest >= 1000; run++) {
        const started = performance.now();
        segs(text);
        fastest = Math.min(fastest, performance.now() - started);
      }
      expect(fastest).toBeLessThan(1000);
    }
  });

  it("keeps comments and apostrophes in them out of the commands", () => {
    expect(cmds("sudo apt-get install -y \\\n  fuse \\\n  zip # don't\necho hi")).toEqual(["*apt-get install -y fuse zip", "echo hi"]);
    expect(cmds("find . -exec rm {} \\; ; yum a")).toEqual(["find . -exec rm {} ;", "yum a"]);
  });
});
