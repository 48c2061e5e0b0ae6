import { describe, expect, it } from "vitest";
import { ref } from "vue";
import { useAction } from "#console/lib/action";

describe("a page's action", () => {
  it("is busy while its work runs and clears the last problem when it starts", async () => {
    const action = useAction();
    action.problem.value = new Error("the last one");
    let busyWhileRunning: boolean | undefined;
    let problemWhileRunning: unknown = "unset";
    const done = await action.run(async () => {
      busyWhileRunning = action.busy.value;
      problemWhileRunning = action.problem.value;
    });
    expect(done).toBe(true);
    expect(busyWhileRunning).toBe(true);
    expect(problemWhileRunning).toBeUndefined();
    expect(action.busy.value).toBe(false);
    expect(action.problem.value).toBeUndefined();
  });

  it("shows a failure as its problem, and is not busy any more", async () => {
    const action = useAction();
    const failure = new Error("refused");
    const done = await action.run(async () => {
      throw failure;
    });
    expect(done).toBe(false);
    expect(action.problem.value).toBe(failure);
    expect(action.busy.value).toBe(false);
  });

  it("shows the problem the page makes of a failure, still busy while it is made", async () => {
    const action = useAction();
    let busyWhileWording: boolean | undefined;
    await action.run(
      async () => {
        throw new Error("412");
      },
      async (e) => {
        await Promise.resolve();
        busyWhileWording = action.busy.value;
        return new Error(`saved by others (${(e as Error).message})`);
      },
    );
    expect(busyWhileWording).toBe(true);
    expect((action.problem.value as Error).message).toBe("saved by others (412)");
    expect(action.busy.value).toBe(false);

    await action.run(
      async () => {
        throw new Error("at a field");
      },
      () => undefined,
    );
    expect(action.problem.value).toBeUndefined();
  });

  it("can start busy (a page's first read) and share the problem a page already shows", async () => {
    const shown = ref<unknown>(new Error("the read failed"));
    const action = useAction({ busy: true, problem: shown });
    expect(action.busy.value).toBe(true);
    expect(action.problem).toBe(shown);
    await action.run(async () => {
      throw new Error("the download failed");
    });
    expect((shown.value as Error).message).toBe("the download failed");
    expect(action.busy.value).toBe(false);
  });
});
