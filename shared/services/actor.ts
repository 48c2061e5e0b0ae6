/** Who acts in a write: the principal's `sub` (`apikey:<keyId>` for an integration key, `demo-seed` for the demo data). */
export interface Actor {
  sub: string;
}
