/** The two imports a training body makes (SPEC §1, §7.1, §7.6), as the page describes them. */
import { toCsv } from '../../domain/csv';

export interface ImportKind {
  title: string;
  path: string;
  /** What the columns are, in Chinese, for the page. */
  columns: Array<{ name: string; meaning: string }>;
  templateName: string;
}

export const EXAM_IMPORT: ImportKind = {
  title: '考核结果',
  path: '/api/exam-results',
  columns: [
    { name: 'idNumber', meaning: '身份证号码' },
    { name: 'name', meaning: '姓名（须与实名认证一致）' },
    {
      name: 'certificateType',
      meaning: '证书类型：A 主要负责人、B 安全生产管理人员、C 运行维护抢修人员',
    },
    { name: 'jobTypeCode', meaning: '工种代码（仅 C 类，如 04 燃气用户检修工）' },
    {
      name: 'enterpriseCreditCode',
      meaning: '证书单位统一社会信用代码（仅 A 类，可空，默认聘用单位）',
    },
    { name: 'examDate', meaning: '考试日期（如 2026-05-20）' },
    { name: 'passed', meaning: '是否合格：合格/不合格（或 true/false）' },
  ],
  templateName: '考核结果导入模板.csv',
};

export const CE_IMPORT: ImportKind = {
  title: '继续教育记录',
  path: '/api/ce-records',
  columns: [
    { name: '身份证号码', meaning: '持证人身份证号码' },
    { name: '证书编号', meaning: '现证书编号或曾用编号' },
    { name: '继续教育次数', meaning: '第一次 或 第二次（或 1、2）' },
    { name: '合格日期', meaning: '继续教育合格日期（如 2026-05-20）' },
  ],
  templateName: '继续教育记录导入模板.csv',
};

/** An empty file with the header row, for the training body to fill in. */
export const templateOf = (kind: ImportKind): string => toCsv([kind.columns.map((c) => c.name)]);
