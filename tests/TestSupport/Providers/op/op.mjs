// A real OpenID Provider (oidc-provider) on loopback, one server per issuer: "google", "apple", "oidc", and "twin"
// (another issuer publishing google's keys). Its authorization-code flow signs in, without a form, the subject named by
// login_hint (the test-only interaction below). Its clients take, besides <redirectUri>, a gateway's redirect-login
// callback on any loopback port (native clients). Test-only routes under /test: mint a token with chosen claims and key,
// publish a new key, count JWKS reads, make the token endpoint fail, and trust Apple-style client-secret JWTs.
// Usage: node op.mjs <redirectUri>; prints "ready {<name>: <issuer>}" once every issuer listens.
import http from "node:http";
import { randomUUID } from "node:crypto";
import Provider from "oidc-provider";
import { SignJWT, exportJWK, generateKeyPair, importJWK, importSPKI, jwtVerify } from "jose";

const redirectUri = process.argv[2];
const newKey = async (alg) => {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg, use: "sig" };
};
const publicOf = ({ d, p, q, dp, dq, qi, ...publicKey }) => publicKey;
const json = (res, status, body) => {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
};
const bodyOf = async (req) => {
  let text = "";
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : {};
};

const googleKey = await newKey("RS256");
const issuers = {
  google: { alg: "RS256", keys: [googleKey] },
  apple: { alg: "RS256", keys: [await newKey("RS256")] },
  oidc: { alg: "ES256", keys: [await newKey("ES256")] },
  twin: { alg: "RS256", keys: [googleKey] },
};

async function start(name, issuer) {
  issuer.published = [...issuer.keys];
  issuer.jwksReads = 0;
  issuer.tokenFault = null;
  issuer.clientJwts = 0;
  const server = http.createServer((req, res) => handle(issuer, req, res).catch((error) => json(res, 500, { error: String(error) })));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer.url = `http://127.0.0.1:${server.address().port}`;
  const client = (id) => ({
    client_id: id,
    client_secret: `${id}-secret-0123456789abcdef`,
    application_type: "native",
    redirect_uris: [redirectUri, "http://127.0.0.1/api/client/v2.0/auth/callback"],
    response_types: ["code"],
    grant_types: ["authorization_code"],
    token_endpoint_auth_method: "client_secret_post",
    id_token_signed_response_alg: issuer.alg,
  });
  issuer.provider = new Provider(issuer.url, {
    clients: [client(`${name}-client`), client("foreign-client")],
    jwks: { keys: issuer.keys },
    cookies: { keys: [randomUUID()] },
    pkce: { required: () => false },
    conformIdTokenClaims: false,
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "given_name", "family_name", "picture"] },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({
        sub,
        name: `${sub} Example`,
        given_name: sub,
        family_name: "Example",
        email: `${sub}@mail.example`,
        email_verified: true,
        picture: `https://pictures.example/${sub}.png`,
      }),
    }),
  });
}

async function handle(issuer, req, res) {
  const { pathname } = new URL(req.url, issuer.url);
  const provider = issuer.provider;
  if (pathname === "/jwks") {
    issuer.jwksReads++;
    return json(res, 200, { keys: issuer.published.map(publicOf) });
  }
  if (pathname === "/token" && issuer.tokenFault) return fail(issuer.tokenFault, res);
  if (pathname === "/token" && issuer.appleKey && !(await acceptClientJwt(issuer, req))) {
    return json(res, 401, { error: "invalid_client" });
  }
  if (pathname.startsWith("/interaction/")) {
    const details = await provider.interactionDetails(req, res);
    let result;
    if (details.prompt.name === "login") {
      result = { login: { accountId: details.params.login_hint } };
    } else {
      const grant = new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope);
      result = { consent: { grantId: await grant.save() } };
    }
    return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }
  if (pathname === "/test/mint") return json(res, 200, { token: await mint(issuer, await bodyOf(req)) });
  if (pathname === "/test/publish") {
    const key = await newKey(issuer.alg);
    issuer.published.push(key);
    issuer.unpublished = key;
    return json(res, 200, { kid: key.kid });
  }
  if (pathname === "/test/jwks-reads") return json(res, 200, { reads: issuer.jwksReads });
  if (pathname === "/test/apple-key") {
    issuer.appleKey = await bodyOf(req);
    return json(res, 200, {});
  }
  if (pathname === "/test/client-jwts") return json(res, 200, { verified: issuer.clientJwts });
  if (pathname === "/test/token-fault") {
    issuer.tokenFault = (await bodyOf(req)).mode ?? null;
    return json(res, 200, {});
  }
  return provider.callback()(req, res);
}

// Apple's token endpoint takes as client_secret an ES256 JWT (kid: the key id; iss: the team id; sub: the client id; aud:
// the issuer) signed by the key registered with /test/apple-key. A valid one is swapped for the client's own secret
// before oidc-provider reads the body (it takes an already-read body from req.body); a secret that is no JWT passes.
async function acceptClientJwt(issuer, req) {
  let text = "";
  for await (const chunk of req) text += chunk;
  const form = new URLSearchParams(text);
  const secret = form.get("client_secret") ?? "";
  if (secret.split(".").length === 3) {
    const { teamId, keyId, publicKeyPem } = issuer.appleKey;
    try {
      const { protectedHeader } = await jwtVerify(secret, await importSPKI(publicKeyPem, "ES256"), {
        issuer: teamId, audience: issuer.url, subject: form.get("client_id"), algorithms: ["ES256"], requiredClaims: ["iat", "exp"],
      });
      if (protectedHeader.kid !== keyId) return false;
    } catch {
      return false;
    }
    issuer.clientJwts++;
    form.set("client_secret", `${form.get("client_id")}-secret-0123456789abcdef`);
  }
  req.body = form.toString();
  return true;
}

// A token with the issuer's default claims overridden by `claims` (a null drops one), signed by `key`: "own" (the
// issuer's), "published" (the last key added by /test/publish), "foreign" (a key nobody publishes, its own kid) or
// "forged" (a foreign key that claims the issuer's kid).
async function mint(issuer, { claims = {}, key = "own" }) {
  const now = Math.floor(Date.now() / 1000);
  const payload = Object.fromEntries(
    Object.entries({ iss: issuer.url, iat: now, nbf: now, exp: now + 300, ...claims }).filter(([, value]) => value !== null));
  const own = issuer.keys[0];
  const signer = { own, published: issuer.unpublished, foreign: await newKey(issuer.alg), forged: { ...(await newKey(issuer.alg)), kid: own.kid } }[key];
  return new SignJWT(payload).setProtectedHeader({ alg: issuer.alg, kid: signer.kid }).sign(await importJWK(signer, issuer.alg));
}

function fail(mode, res) {
  if (mode === "slow") return setTimeout(() => json(res, 200, {}), 30_000);
  if (mode === "redirect") {
    res.writeHead(302, { Location: "https://elsewhere.example/token" });
    return res.end();
  }
  if (mode === "malformed") {
    res.writeHead(200, { "Content-Type": "application/json" });
    return res.end("{not json");
  }
  return json(res, 500, { error: "server_error" });
}

for (const [name, issuer] of Object.entries(issuers)) await start(name, issuer);
console.log(`ready ${JSON.stringify(Object.fromEntries(Object.entries(issuers).map(([name, issuer]) => [name, issuer.url])))}`);
