// secrets/generic-assignment speaks only about literals: values written where they are assigned (quoted strings
// nothing is joined to, bare configuration values), never expressions whose value lives elsewhere.
import { describe, expect, it } from "vitest";
import { scanText } from "../../src/checks/secrets/scan-text.js";
import { lineStartsOf } from "../../src/repo/positions.js";
import { fakeToken, seededRandom } from "../../../../test/support/fake-secrets.js";

const random = seededRandom(18);
const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** A random mixed-case token with a digit, so it is never word-like. */
const value = (): string => fakeToken(random, alnum, 15) + "7";

const generic = (line: string): string[] =>
  scanText(line, lineStartsOf(line))
    .filter((match) => match.detector.id === "secrets/generic-assignment")
    .map((match) => match.secret);

describe("generic assignments: literals are reported", () => {
  const literals: [string, (secret: string) => string][] = [
    ["a bare YAML value", (secret) => `  dbPassword: ${secret}`],
    ["a bare YAML value with a comment", (secret) => `api_key: ${secret}  # rotated monthly`],
    ["a double-quoted YAML value", (secret) => `client_secret: "${secret}"`],
    ["a single-quoted YAML value", (secret) => `client_secret: '${secret}'`],
    ["a YAML flow mapping", (secret) => `auth: {user: app, password: ${secret}}`],
    ["an env file", (secret) => `DB_PASSWORD=${secret}`],
    ["a shell export", (secret) => `export API_TOKEN=${secret}`],
    ["a quoted shell assignment", (secret) => `API_TOKEN="${secret}"`],
    ["an ini value", (secret) => `password = ${secret}`],
    ["a properties value", (secret) => `spring.datasource.password=${secret}`],
    ["a JSON member", (secret) => `  "password": "${secret}",`],
    ["a JSON member without spaces", (secret) => `{"apiKey":"${secret}"}`],
    ["a connection string", (secret) => `Server=db;Database=shop;User Id=app;Password=${secret};`],
    ["a key=value pair inside a string", (secret) => `dsn = "host=db user=app password=${secret} sslmode=require"`],
    ["a quoted literal in code", (secret) => `const apiKey = "${secret}";`],
    ["a Go short declaration of a literal", (secret) => `token := "${secret}"`],
    ["a keyword argument", (secret) => `client = Client(url, password="${secret}")`],
    ["a Python raw string", (secret) => `SECRET_KEY = r'${secret}'`],
    ["a PHP array entry", (secret) => `  'password' => '${secret}',`],
    ["a Ruby hash entry", (secret) => `  password: "${secret}",`],
    ["a literal with a method call", (secret) => `token = "${secret}".strip()`],
    ["a comparison with a literal", (secret) => `if password == "${secret}":`],
    ["a Dockerfile ENV", (secret) => `ENV API_TOKEN=${secret}`],
    ["an HCL attribute", (secret) => `  password = "${secret}"`],
    ["a dotted token that is not a name", (secret) => `access_token: ya29.${secret}`],
  ];

  it.each(literals)("%s", (_name, write) => {
    const secret = value();
    const line = write(secret);
    const expected = line.includes(`ya29.${secret}`) ? `ya29.${secret}` : secret;
    expect(generic(line)).toEqual([expected]);
  });
});

describe("generic assignments: expressions are not", () => {
  const expressions: [string, string][] = [
    ["a string literal ending at the name, then concatenation", `out += "<li>db_password: "+h.dbPassword+"</li>"`],
    ["the same with spaces", `out += "<li>db_password: " + h.dbPassword + "</li>"`],
    ["a method-call chain", `c.dbPassword = cfg.Section("database").Key("password").String()`],
    ["a function call", `password = getenv("DB_PASSWORD_VALUE")`],
    ["a call across lines", `apiToken = loadToken(config,`],
    ["an index", `api_token = os.environ["API_TOKEN_VALUE"]`],
    ["a member chain", `const apiKey = process.env.STRIPE_API_KEY;`],
    ["optional chaining", `secretValue: settings?.auth?.clientSecret,`],
    ["a PHP concatenation", `$password = 'prefix' . $suffixValue2;`],
    ["a concatenation after a literal", `password = "Xk29vLq" + suffixValue`],
    ["a default after a call", `password = os.getenv("PW") or "devpassword1"`],
    ["a JavaScript template literal", "const token = `Bearer ${accessTokenValue}`;"],
    ["a Python f-string", `api_key = f"{prefix}{suffixValue}"`],
    ["a Ruby interpolation", `password = "#{ENV['DB_PASSWORD_VALUE']}"`],
    ["a shell command substitution", `export API_TOKEN=$(vault read -field=token secret/api)`],
    ["a quoted command substitution", `API_TOKEN="$(cat /run/secrets/api-token)"`],
    ["a shell variable", `PASSWORD=$DB_PASSWORD_FROM_CI`],
    ["a braced shell variable", `password: \${DB_PASSWORD}`],
    ["a braced variable with a suffix", `password: \${DB_PASSWORD}-suffix2`],
    ["a Helm template", `password: {{ .Values.db.password | b64enc }}`],
    ["a quoted Helm template", `password: "{{ .Values.db.password }}"`],
    ["a Jinja expression", `db_password: "{{ vault_db_password }}"`],
    ["an ERB tag", `password: <%= ENV["DB_PASSWORD"] %>`],
    ["a Concourse variable", `token: ((github-access-token))`],
    ["a Go declaration of a variable", `token := tokenFromEnvironment2`],
    ["a JavaScript declaration of a variable", `let clientSecret = secretFromVault2;`],
    ["a constructor", `credentials = new BasicCredentials(user, pass)`],
    ["an await", `const token = await fetchToken(client);`],
    ["a Ruby hash lookup", `password: ENV["DB_PASSWORD"],`],
    ["a URL value", `token_url: https://auth.acme.example/oauth/token2`],
    ["a host name", `token_endpoint: auth.acme.example.com`],
    ["a bare operand joined to more", `password = secretPrefix2 + suffix`],
  ];

  it.each(expressions)("%s", (_name, line) => {
    expect(generic(line)).toEqual([]);
  });
});

describe("generic assignments: places and names", () => {
  it("reports the literal at its column, with its name, even after an expression on the same line", () => {
    const secret = value();
    const line = `x = "<li>password: " + h.password; {"token": "${secret}"}`;
    const matches = scanText(line, lineStartsOf(line)).filter((match) => match.detector.id === "secrets/generic-assignment");
    expect(matches.map((match) => ({ name: match.name, column: match.column, secret: match.secret }))).toEqual([
      { name: "token", column: line.indexOf(secret) + 1, secret },
    ]);
  });

  it("an apostrophe in prose opens no string", () => {
    const secret = value();
    expect(generic(`note: don't rotate; api_key: ${secret}`)).toEqual([secret]);
  });
});
