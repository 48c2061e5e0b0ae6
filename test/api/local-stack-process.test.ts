/**
 * `npm start` as a user runs it: a separate process with its own DynamoDB Local, healthy with the
 * demo province, data kept across a restart with the same DATA_DIR, and nothing left running or
 * listening after Ctrl+C or SIGTERM.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assertPortFree } from "../../infra/local/dynamodb";
import { client } from "../support/http";
import { freePort } from "../support/ports";

const root = new URL("../..", import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), "employment-start-"));
const running: ChildProcess[] = [];

afterAll(() => {
  for (const child of running) if (child.exitCode === null && child.pid) killGroup(child.pid, "SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

function killGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  secondsToHealthy: number;
}

async function npmStart(env: Record<string, string>): Promise<Started> {
  const apiPort = await freePort();
  const dynamoPort = await freePort();
  const startedAt = performance.now();
  const child = spawn("npm", ["start", "--silent"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(apiPort),
      DYNAMODB_PORT: String(dynamoPort),
      DATA_DIR: dataDir,
      ...env,
    },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const url = `http://127.0.0.1:${apiPort}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/v1/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - startedAt > 90_000) throw new Error(`not healthy after 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, url, output: () => output, secondsToHealthy: (performance.now() - startedAt) / 1000 };
}

async function waitExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/** What a start that fails writes to stderr, once it has exited with a non-zero code. */
async function failedStartOutput(child: ChildProcess): Promise<string> {
  let output = "";
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const code = await waitExit(child);
  expect(code).not.toBe(0);
  return output;
}

function javaProcesses(): string {
  try {
    return execFileSync("pgrep", ["-af", `DynamoDBLocal.*${dataDir}`], { encoding: "utf8" });
  } catch {
    return "";
  }
}

describe("npm start", () => {
  it("is healthy with the demo province, keeps data across restarts and leaves nothing behind", async () => {
    const first = await npmStart({ SEED_DEMO: "true" });
    console.log(`npm start → healthy in ${first.secondsToHealthy.toFixed(1)} s (first start, demo loaded)`);
    expect(first.secondsToHealthy).toBeLessThan(60);
    expect(first.output()).toContain("ready at");
    expect(first.output()).toContain("/local/token");
    expect(first.output()).toContain(`console:  ${first.url}/`);
    const page = await fetch(`${first.url}/tenants/changchun/years/2019/reports/2019-06`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain('<div id="app">');
    const call = client(first.url);
    const minted = await call<{ token: string }>("POST", "/local/token", {
      body: { sub: "admin@jl", role: "province-admin", provinceId: "jl" },
    });
    expect(minted.status).toBe(200);
    const tenants = await call<{ tenants: Array<{ name: string }> }>("GET", "/v1/provinces/jl/tenants", {
      token: minted.body.token,
    });
    expect(tenants.status).toBe(200);
    expect(tenants.body.tenants).toHaveLength(12);
    expect(tenants.body.tenants[0]?.name).toBe("长春市");
    expect(tenants.body.tenants[11]?.name).toBe("公主岭市");
    const added = await call("PUT", "/v1/provinces/jl/tenants/test-city", {
      token: minted.body.token,
      body: { name: "测试市", authorityName: "测试市政府", displayOrder: 99 },
    });
    expect(added.status).toBe(201);

    // Ctrl+C reaches the whole foreground process group.
    killGroup(first.child.pid ?? 0, "SIGINT");
    await waitExit(first.child);
    expect(javaProcesses()).toBe("");
    const firstPorts = [new URL(first.url).port];
    await assertPortFree(Number(firstPorts[0]), "API", "PORT");

    const second = await npmStart({ SEED_DEMO: "true" });
    console.log(`npm start → healthy in ${second.secondsToHealthy.toFixed(1)} s (restart, same DATA_DIR)`);
    expect(second.output()).toContain("already loaded");
    const again = client(second.url);
    const token = (
      await again<{ token: string }>("POST", "/local/token", {
        body: { sub: "admin@jl", role: "province-admin", provinceId: "jl" },
      })
    ).body.token;
    const kept = await again<{ tenants: Array<{ tenantId: string }> }>("GET", "/v1/provinces/jl/tenants", {
      token,
    });
    expect(kept.body.tenants.map((x) => x.tenantId)).toContain("test-city");
    expect(kept.body.tenants).toHaveLength(13);

    // SIGTERM to the npm process alone (as a process manager would send it).
    second.child.kill("SIGTERM");
    await waitExit(second.child);
    for (let i = 0; i < 50 && javaProcesses() !== ""; i++) await new Promise((r) => setTimeout(r, 100));
    expect(javaProcesses()).toBe("");
    await assertPortFree(Number(new URL(second.url).port), "API", "PORT");
  }, 240_000);

  /** A program (ES module source) that starts DynamoDB Local on its own data folder, run from the repo. */
  async function startOwnDynamo(then: string[]) {
    const dir = mkdtempSync(join(tmpdir(), "employment-own-"));
    const script = [
      'import { startDynamoDbLocal } from "./infra/local/dynamodb.ts";',
      `await startDynamoDbLocal({ port: ${await freePort()}, dataDir: ${JSON.stringify(dir)} });`,
      ...then,
    ].join("\n");
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (d: Buffer) => {
      output += d.toString();
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    const java = () => {
      try {
        return execFileSync("pgrep", ["-af", `DynamoDBLocal.*${dir}`], { encoding: "utf8" });
      } catch {
        return "";
      }
    };
    const gone = async () => {
      for (let i = 0; i < 150 && java() !== ""; i++) await new Promise((r) => setTimeout(r, 100));
      return java() === "";
    };
    return {
      child,
      output: () => output,
      java,
      gone,
      cleanUp: () => rmSync(dir, { recursive: true, force: true }),
    };
  }

  it("takes DynamoDB Local down with it when the process that started it crashes", async () => {
    // the program dies of an uncaught exception, no stop() called
    const own = await startOwnDynamo(['console.log("ready");', 'throw new Error("crash");']);
    const code = await waitExit(own.child);
    expect(code, own.output()).not.toBe(0);
    expect(own.output()).toContain("ready");
    expect(await own.gone()).toBe(true);
    own.cleanUp();
  }, 60_000);

  it("takes DynamoDB Local down with it when the process that started it is killed (SIGKILL)", async () => {
    // nothing in a SIGKILLed process runs, so only the wrapper noticing its stdin close can help
    const own = await startOwnDynamo(['console.log("ready");', "setInterval(() => {}, 1000);"]);
    for (let i = 0; i < 300 && !own.output().includes("ready"); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(own.java(), own.output()).not.toBe("");
    own.child.kill("SIGKILL");
    await waitExit(own.child);
    expect(await own.gone()).toBe(true);
    own.cleanUp();
  }, 60_000);

  it("says in one line that Java is missing", async () => {
    // a PATH with node but no java
    const bin = mkdtempSync(join(tmpdir(), "no-java-"));
    symlinkSync(process.execPath, join(bin, "node"));
    const child = spawn(join(bin, "node"), ["--import", "tsx", "infra/local/main.ts"], {
      cwd: root,
      env: {
        ...process.env,
        PATH: bin,
        PORT: String(await freePort()),
        DYNAMODB_PORT: String(await freePort()),
        DATA_DIR: dataDir,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output = await failedStartOutput(child);
    const lines = output.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Java 17 or newer is needed .* apt-get install -y openjdk-17-jre-headless/);
    rmSync(bin, { recursive: true, force: true });
  }, 60_000);

  it("says in one line when a port is taken", async () => {
    const port = await freePort();
    const { createServer } = await import("node:net");
    const blocker = createServer().listen(port, "127.0.0.1");
    await new Promise((r) => blocker.once("listening", r));
    try {
      const child = spawn("npm", ["start", "--silent"], {
        cwd: root,
        env: { ...process.env, PORT: String(port), DATA_DIR: dataDir },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const output = await failedStartOutput(child);
      expect(output).toMatch(/Port \d+ \(API\) is already in use/);
    } finally {
      blocker.close();
    }
  }, 60_000);
});
