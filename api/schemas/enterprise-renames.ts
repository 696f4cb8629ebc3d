import { startedApplication } from './applications';
import { arrayOf, object } from './json-schema';

export interface RenamePreviewBody {
  name: string;
}

export interface RenameBody extends RenamePreviewBody {
  commitmentAccepted?: boolean;
}

// A size bound only: the domain's 422 says what is wrong with a name (blank, too long, same).
const name = {
  type: 'string',
  title: '新企业名称',
  maxLength: 500,
  examples: ['西宁新能燃气有限公司'],
};

export const renamePreviewBody = object({ name }, ['name']);

export const renameBody = object(
  {
    name,
    commitmentAccepted: {
      type: 'boolean',
      title: '已阅读并接受企业名称变更承诺书（须为 true，否则 422）',
    },
  },
  ['name'],
);

const checkResult = object({
  code: { type: 'string' },
  passed: { type: 'boolean' },
  message: { type: 'string' },
});

const checkedCertificate = object({
  certificateId: { type: 'string' },
  number: { type: 'string' },
  type: { type: 'string', enum: ['A', 'B', 'C'] },
  holderName: { type: 'string' },
  unitName: { type: 'string', description: '证书上现在的单位名称' },
  passed: { type: 'boolean', description: '全部检测条件通过：审批通过后换发新证书' },
  checkResults: arrayOf(checkResult),
});

const previewProperties = {
  currentName: { type: 'string' },
  newName: { type: 'string' },
  passing: { type: 'integer', description: '通过检测、审批后将换发的证书数' },
  failing: { type: 'integer', description: '未通过检测、不换发的证书数' },
  certificates: arrayOf(checkedCertificate),
};

export const renamePreview = object(previewProperties);

export const startedRename = object({ ...startedApplication.properties, ...previewProperties });
