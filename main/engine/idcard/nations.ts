/**
 * The 56 nationalities printed on the card's 民族 line (GB/T 3304), without 族: the line holds one
 * of them and nothing else, so a reading is matched to the list (a stray stroke of the background
 * read as 一 before 汉 is no part of it).
 */
export const nationalities: readonly string[] = [
  '汉', '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼', '哈萨克', '傣', '黎', '傈僳',
  '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土', '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯',
  '阿昌', '普米', '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔', '独龙', '鄂伦春', '赫哲', '门巴',
  '珞巴', '基诺',
];

/** Whether a name is one of the 56 (a reading that is not is read again from the field's crop). */
export const isNationality = (name: string): boolean => nationalities.includes(name);

/** The nationality a reading names: the longest of the 56 it contains, or the reading itself when none. */
export function nationalityOf(read: string): string {
  const text = read.replace(/族$/u, '').replace(/\s/gu, '');
  const named = nationalities.filter((name) => text.includes(name)).sort((a, b) => b.length - a.length)[0];
  return named ?? text;
}
