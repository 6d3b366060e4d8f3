/**
 * A division's own name, as its offices write it on their documents: the full name without the
 * province, region, city, league or prefecture above it (天津市武清区 → 武清区, 河北省石家庄市长安区 →
 * 长安区, 河北省辛集市 → 辛集市). The register keeps the full name; a district's notices and rolls are headed with its own.
 */
export function ownName(fullName: string): string {
  let name = fullName.trim();
  for (;;) {
    const parent = /^.+?(?:省|自治区|市|盟|自治州|地区)(?=.+[区县市旗]$)/.exec(name)?.[0];
    if (parent === undefined) return name;
    name = name.slice(parent.length);
  }
}
