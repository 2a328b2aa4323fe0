/**
 * HTTPS options for the dev server from office-addin-dev-certs: it makes a localhost
 * certificate signed by a developer CA (in ~/.office-addin-dev-certs) and trusts the CA. Where
 * trusting fails (no sudo, no permission), the certificate is still used and we say how to
 * trust it by hand, instead of refusing to serve.
 */
const fs = require("fs");

async function httpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const defaults = require("office-addin-dev-certs/lib/defaults");
  try {
    const { ca, key, cert } = await devCerts.getHttpsServerOptions();
    return { ca, key, cert };
  } catch (e) {
    const files = [defaults.caCertificatePath, defaults.localhostCertificatePath, defaults.localhostKeyPath];
    if (!files.every((f) => fs.existsSync(f))) throw new Error(`无法生成开发证书 / Cannot create the dev certificate: ${e instanceof Error ? e.message : e}`);
    console.warn(
      [
        `注意：开发证书已生成，但未能加入系统信任（${e instanceof Error ? e.message.split("\n")[0] : e}）。`,
        `请把 ${defaults.caCertificatePath} 导入浏览器或系统的受信任根证书，或在浏览器中打开 https://localhost:3000/taskpane.html 并接受证书。`,
        `Note: the dev certificate was created but could not be trusted automatically.`,
        `Import ${defaults.caCertificatePath} as a trusted root in your browser or system, or open https://localhost:3000/taskpane.html and accept it.`,
      ].join("\n"),
    );
    const [ca, cert, key] = files.map((f) => fs.readFileSync(f));
    return { ca, key, cert };
  }
}

module.exports = { httpsOptions };
