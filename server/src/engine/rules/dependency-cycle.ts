import type { Requirement } from '../model';
import type { Finding } from '../types';
import type { WorkspaceRule } from './rule';

interface Node {
  file: string;
  req: Requirement;
}

/**
 * Requirements that depend on each other in a circle can never be started. Strongly connected
 * components (Tarjan, iterative: linear, no recursion depth limit) find every cycle at once.
 */
export const dependencyCycle: WorkspaceRule = {
  code: 'dependency-cycle',
  defaultSeverity: 'warning',
  scope: 'workspace',
  summary: 'depends-on forms a cycle.',
  check(files) {
    const byId = new Map<string, Node>();
    for (const { file, model } of files) {
      for (const req of model.requirements) if (req.id && !byId.has(req.id)) byId.set(req.id, { file, req });
    }
    const components = stronglyConnected(byId);
    const out = new Map<string, Finding[]>();
    for (const component of components) {
      const members = new Set(component);
      for (const id of component) {
        const { file, req } = byId.get(id)!;
        for (const ref of req.dependsOn) {
          // A self-dependency is reported in a larger cycle too: removing the other links would
          // still leave it unable to start.
          if (!members.has(ref.id)) continue;
          const path = component.length <= 50 ? cyclePath(byId, members, ref.id, id) : undefined;
          const loop = path ? [id, ...path].join(' → ') : undefined;
          const finding: Finding = {
            code: 'dependency-cycle',
            message: ref.id === id
              ? `${id} depends on itself, so it can never start. Remove ${id} from its own depends-on.`
              : loop
              ? `${id} depends on ${ref.id}, which leads back to ${id} (${loop}). None of them can start first: break the cycle.`
              : `${id} depends on ${ref.id}, part of a cycle of ${component.length} requirements. None of them can start first: break the cycle.`,
            span: ref.span,
            requirement: id,
          };
          const list = out.get(file);
          if (list) list.push(finding);
          else out.set(file, [finding]);
        }
      }
    }
    return out;
  },
};

/** Components of two or more requirements, or one that depends on itself. */
function stronglyConnected(byId: Map<string, Node>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: string[][] = [];
  let next = 0;
  const edges = (id: string) => byId.get(id)!.req.dependsOn.map((r) => r.id).filter((t) => byId.has(t));
  for (const [start, node] of byId) {
    // A requirement that depends on nothing is a component of its own: no cycle starts there.
    if (index.has(start) || node.req.dependsOn.length === 0) continue;
    const work: { id: string; targets: string[]; i: number }[] = [];
    const enter = (id: string) => {
      index.set(id, next);
      low.set(id, next);
      next++;
      stack.push(id);
      onStack.add(id);
      work.push({ id, targets: edges(id), i: 0 });
    };
    enter(start);
    while (work.length) {
      const frame = work[work.length - 1];
      if (frame.i < frame.targets.length) {
        const t = frame.targets[frame.i++];
        if (!index.has(t)) enter(t);
        else if (onStack.has(t)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(t)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].id;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.id)!));
      }
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let id: string;
        do {
          id = stack.pop()!;
          onStack.delete(id);
          component.push(id);
        } while (id !== frame.id);
        const selfLoop = component.length === 1 && edges(component[0]).includes(component[0]);
        if (component.length > 1 || selfLoop) result.push(component.reverse());
      }
    }
  }
  return result;
}

/** The shortest way from `from` back to `to` inside one component (breadth first). */
function cyclePath(byId: Map<string, Node>, members: Set<string>, from: string, to: string): string[] | undefined {
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let q = 0; q < queue.length; q++) {
    const id = queue[q];
    if (id === to) {
      const path: string[] = [];
      for (let at: string | null = id; at !== null; at = previous.get(at) ?? null) path.push(at);
      return path.reverse();
    }
    for (const ref of byId.get(id)!.req.dependsOn) {
      if (members.has(ref.id) && !previous.has(ref.id)) {
        previous.set(ref.id, id);
        queue.push(ref.id);
      }
    }
  }
  return undefined;
}
