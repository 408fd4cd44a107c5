// A stand-in for GitHub's REST API in tests: a local HTTP server holding one repository's issue comments (list with
// Link-header pagination, create, update), recording every request; writes can answer 403 as they do for a fork's
// read-only token, and bodies over 65,536 characters get GitHub's 422.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  /** The path without the query. */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: unknown;
}

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string };
  html_url: string;
}

export interface FakeGitHub {
  /** The API's base URL, for GITHUB_API_URL. */
  url: string;
  requests: RecordedRequest[];
  /** Comments by issue number. */
  comments: Map<number, FakeComment[]>;
  /** Answer comment writes with 403 "Resource not accessible by integration". */
  forbidWrites: boolean;
  addComment(issue: number, body: string, login?: string): FakeComment;
  close(): Promise<void>;
}

const commentLimit = 65_536;

export async function startFakeGitHub(repository: { owner: string; repo: string }): Promise<FakeGitHub> {
  const prefix = `/repos/${repository.owner}/${repository.repo}`;
  let nextId = 1000;
  const fake: FakeGitHub = {
    url: "",
    requests: [],
    comments: new Map(),
    forbidWrites: false,
    addComment(issue, body, login = "github-actions[bot]") {
      const id = nextId++;
      const comment = { id, body, user: { login }, html_url: `https://github.test${prefix}/pull/${issue}#issuecomment-${id}` };
      fake.comments.set(issue, [...(fake.comments.get(issue) ?? []), comment]);
      return comment;
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };

  const answer = (response: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void => {
    response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    response.end(JSON.stringify(value));
  };

  const handle = (request: RecordedRequest, response: http.ServerResponse): void => {
    const list = new RegExp(`^${prefix}/issues/(\\d+)/comments$`).exec(request.path);
    const single = new RegExp(`^${prefix}/issues/comments/(\\d+)$`).exec(request.path);
    const isWrite = request.method === "POST" || request.method === "PATCH";
    if (isWrite && (list !== null || single !== null)) {
      if (fake.forbidWrites) {
        answer(response, 403, { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest", status: "403" });
        return;
      }
      const body = (request.body as { body?: unknown } | null)?.body;
      if (typeof body !== "string" || body.length > commentLimit) {
        answer(response, 422, { message: "Validation Failed", errors: [{ resource: "IssueComment", code: "custom", field: "body", message: `body is too long (maximum is ${commentLimit} characters)` }] });
        return;
      }
    }
    if (list !== null && request.method === "GET") {
      const comments = fake.comments.get(Number(list[1])) ?? [];
      const perPage = Number(request.query.get("per_page") ?? "30");
      const page = Number(request.query.get("page") ?? "1");
      const last = Math.max(1, Math.ceil(comments.length / perPage));
      const link = (to: number): string => `<${fake.url}${request.path}?per_page=${perPage}&page=${to}>`;
      const links = [...(page < last ? [`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`] : []), ...(page > 1 ? [`${link(1)}; rel="first"`] : [])];
      answer(response, 200, comments.slice((page - 1) * perPage, page * perPage), links.length > 0 ? { link: links.join(", ") } : {});
      return;
    }
    if (list !== null && request.method === "POST") {
      answer(response, 201, fake.addComment(Number(list[1]), (request.body as { body: string }).body));
      return;
    }
    if (single !== null && request.method === "PATCH") {
      const comment = [...fake.comments.values()].flat().find((candidate) => candidate.id === Number(single[1]));
      if (comment === undefined) {
        answer(response, 404, { message: "Not Found" });
        return;
      }
      comment.body = (request.body as { body: string }).body;
      answer(response, 200, comment);
      return;
    }
    answer(response, 404, { message: "Not Found" });
  };

  const server = http.createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
      const text = Buffer.concat(chunks).toString("utf8");
      const request: RecordedRequest = { method: incoming.method ?? "GET", path: url.pathname, query: url.searchParams, authorization: incoming.headers.authorization, body: text === "" ? null : JSON.parse(text) };
      fake.requests.push(request);
      handle(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
