/**
 * `@minimax-files/core/hosts`: MiniMax's regions and hosts, and where each operation lives on them
 * (the spec's gateway paths, and the direct paths MiniMax's own hosts serve).
 * @module
 */
export { directPath, type GatewayPath, gatewayPrefix, operationURL } from "../engine/paths.js";
export {
  directUploadPath,
  gatewayUploadPath,
  gatewayUploadPath as uploadPath,
  isMiniMaxHost,
  otherRegionHost,
  type Region,
  regionBaseURLs,
} from "../hosts.js";
